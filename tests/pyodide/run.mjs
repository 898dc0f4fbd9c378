// Runs a Python program in Pyodide (CPython compiled to WebAssembly) under Node, offline.
//
//   node run.mjs <package> <program.py> [--mount DIR]... <wheel>... [-- <argument>...]
//
// <package> is a Pyodide npm package installed in ./node_modules (see package.json:
// "pyodide" is CPython 3.14, "pyodide-313" 3.13, "pyodide-312" 3.12), or the path of such
// a package's folder (one with a "/" in it). Pyodide boots from that package's own files (no CDN, no loadPackage, no micropip), each wheel is unpacked into
// the working directory (on sys.path), each DIR of the host is mounted at the same path,
// then the program runs with sys.argv = [program, argument...]; its standard output goes
// to this process's standard output byte for byte. One JSON line on standard error gives
// the runtime's Python and the seconds spent booting and unpacking.
import { readFileSync, writeSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [name, program, ...rest] = process.argv.slice(2);
const split = rest.indexOf("--");
const options = split < 0 ? rest : rest.slice(0, split);
const argv = split < 0 ? [] : rest.slice(split + 1);
const mounts = options.flatMap((option, i) => (options[i - 1] === "--mount" ? [resolve(option)] : []));
const wheels = options.filter((option, i) => option !== "--mount" && options[i - 1] !== "--mount");

const require = createRequire(import.meta.url);
const indexURL = (name.includes("/") ? resolve(name) : dirname(require.resolve(`${name}/package.json`))) + "/";
const { loadPyodide } = await import(pathToFileURL(indexURL + "pyodide.mjs").href);

let start = performance.now();
const pyodide = await loadPyodide({ indexURL });
const boot = (performance.now() - start) / 1000;

start = performance.now();
for (const wheel of wheels) {
  pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel");
}
const unpack = (performance.now() - start) / 1000;

const mounted = [];
for (const folder of [...new Set(mounts)].sort()) {
  if (!mounted.some((top) => folder.startsWith(top + "/"))) {
    pyodide.mountNodeFS(folder, folder); // a folder inside one mounted is there already
    mounted.push(folder);
  }
}
pyodide.setStdout({ write: (bytes) => writeSync(1, bytes) });
pyodide.setStderr({ write: (bytes) => writeSync(2, bytes) });
const python = pyodide.runPython("import sys; sys.version");
writeSync(2, JSON.stringify({ python, boot, unpack }) + "\n");
pyodide.globals.get("sys").argv = pyodide.toPy([program, ...argv]);
pyodide.runPython(readFileSync(program, "utf8"), { filename: program });
