// creative-city in the browser: Pyodide (CPython compiled to WebAssembly) runs the library.
//
// Everything comes from the folder this page is served from, never from a CDN:
//   pyodide/     the files of the npm package "pyodide" (pyodide.js loads the rest)
//   wheels.json  a JSON list of wheel paths, relative to this page
//   wheels/      creative_city's wheel and its pure-Python dependencies' wheels
// The wheels are unpacked into Pyodide's working directory, which is on sys.path (no
// micropip, no package index; build.py has added Pyodide's bytecode to them), then the
// page answers request documents with creative_city.oracle.evaluate_json and renders the
// programme report with creative_city.programme.report.render.
"use strict";

const PYTHON = `
import datetime
from creative_city.oracle import evaluate_json
from creative_city.programme.report import render

def answer(text):
    """The canonical answer text for a request document, and whether it is not an error."""
    return evaluate_json(text)

def report(as_of, fmt):
    """The programme report as of an ISO date (YYYY-MM-DD), in one of the report's formats."""
    return render(as_of=datetime.date.fromisoformat(as_of), fmt=fmt)
`;

const $ = (id) => document.getElementById(id);

function say(text, ok = true) {
  $("status").textContent = text;
  $("status").dataset.ok = String(ok);
}

async function boot() {
  const started = performance.now();
  // indexURL: where pyodide.js finds pyodide.asm.mjs, the .wasm and the standard library.
  const pyodide = await loadPyodide({ indexURL: new URL("pyodide/", document.baseURI).href });
  const wheels = await (await fetch("wheels.json")).json();
  for (const wheel of wheels) {
    const response = await fetch(wheel);
    if (!response.ok) throw new Error(`${wheel}: HTTP ${response.status}`);
    pyodide.unpackArchive(await response.arrayBuffer(), "wheel");
  }
  const namespace = pyodide.globals.get("dict")();
  pyodide.runPython(PYTHON, { globals: namespace });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  return { pyodide, namespace, seconds };
}

function answerWith(namespace) {
  const answer = namespace.get("answer");
  return (text) => {
    const result = answer(text);
    try {
      const [body, ok] = result.toJs();
      return { body, ok };
    } finally {
      result.destroy();
    }
  };
}

function showReport(namespace) {
  const report = namespace.get("report");
  return (asOf, fmt) => {
    const body = report(asOf, fmt);
    const frame = $("report-frame");
    const text = $("report-text");
    frame.hidden = fmt !== "html";
    text.hidden = fmt === "html";
    if (fmt === "html") {
      frame.srcdoc = body;
    } else {
      text.textContent = body;
    }
  };
}

boot().then(
  ({ pyodide, namespace, seconds }) => {
    const answer = answerWith(namespace);
    const render = showReport(namespace);
    $("oracle").addEventListener("submit", (event) => {
      event.preventDefault();
      const { body, ok } = answer($("request").value);
      $("answer").textContent = body;
      $("answer").dataset.ok = String(ok);
    });
    $("report").addEventListener("submit", (event) => {
      event.preventDefault();
      try {
        render($("as-of").value, $("format").value);
        say("Report rendered.");
      } catch (error) {
        // A date the report refuses is a Python error: show its message, keep the page.
        say(String(error.message || error).trim().split("\n").pop(), false);
      }
    });
    $("answer-button").disabled = false;
    $("report-button").disabled = false;
    const python = pyodide.runPython("import sys; sys.version.split()[0]");
    say(`Ready: Python ${python} (Pyodide ${pyodide.version}), loaded in ${seconds} s.`);
    document.body.dataset.state = "ready";
  },
  (error) => {
    say(`Could not load: ${error.message || error}`, false);
    document.body.dataset.state = "failed";
    console.error(error);
  },
);
