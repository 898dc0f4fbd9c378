// Runs a Python program in Pyodide (CPython compiled to WebAssembly) under Node, offline.
//
//   node run.mjs <package> <program.py> <wheel>...
//
// <package> is a Pyodide npm package installed in ./node_modules (see package.json:
// "pyodide" is CPython 3.14, "pyodide-313" is CPython 3.13). Pyodide boots from that
// package's own files (no CDN, no loadPackage, no micropip), each wheel is unpacked into
// site-packages, then the program runs; its standard output goes to this process's
// standard output byte for byte. One JSON line on standard error gives the seconds spent
// booting and unpacking.
import { readFileSync, writeSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";

const [name, program, ...wheels] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const indexURL = dirname(require.resolve(`${name}/package.json`)) + "/";
const { loadPyodide } = await import(pathToFileURL(indexURL + "pyodide.mjs").href);

let start = performance.now();
const pyodide = await loadPyodide({ indexURL });
const boot = (performance.now() - start) / 1000;

start = performance.now();
for (const wheel of wheels) {
  pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel");
}
const unpack = (performance.now() - start) / 1000;

pyodide.setStdout({ write: (bytes) => writeSync(1, bytes) });
pyodide.setStderr({ write: (bytes) => writeSync(2, bytes) });
writeSync(2, JSON.stringify({ python: pyodide.runPython("import sys; sys.version"), boot, unpack }) + "\n");
pyodide.runPython(readFileSync(program, "utf8"), { filename: program });
