// Build step of pipeline/quiz_runtime/stdlib.py, run by Node: boot the bundle's own Pyodide, load the
// quiz wheel, exercise the engine as the worker does (every language, a full answer set, bad input),
// then compile every standard-library module that got imported with Pyodide's own Python (its
// bytecode is version-specific) into an unchecked hash-based .pyc.
// Usage: node stdlib_compile.mjs <runtime folder> <output .json>
// Output: {"imported": [zip entry names], "pyc": {entry name: base64 .pyc}}.
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [folder, out] = process.argv.slice(2);
const base = folder.endsWith("/") ? folder : `${folder}/`;
const { loadPyodide } = await import(pathToFileURL(`${base}pyodide.mjs`).href);
const pyodide = await loadPyodide({
  indexURL: base,
  lockFileURL: `${base}pyodide-lock.json`,
  packageBaseUrl: base,
  env: { PYTHONHASHSEED: "0" }, // frozenset constants are ordered by hash: fixed, so the bytes are too
  stdout: () => {},
  stderr: (line) => process.stderr.write(`${line}\n`),
});
await pyodide.loadPackage("redflags-quiz", { messageCallback: () => {} });
const result = pyodide.runPython(`
import base64, importlib.util, json, sys, zipfile
from importlib import _bootstrap_external

from quiz import json_api

for lang in ("es", "ru", "en", "xx"):
    try:
        bank = json.loads(json_api.bank_json(lang))
    except Exception:
        continue
    answers = {q["id"]: q["answers"][0]["id"] for q in bank["questions"]}
    for payload in ({"schema_version": 1, "answers": answers}, {"schema_version": 1, "answers": {}},
                    {"schema_version": 99}, "not json", ["a list"]):
        text = payload if isinstance(payload, str) else json.dumps(payload)
        json.loads(json_api.score_json(text, lang))

prefix = sys.path[1].rstrip("/") + "/"  # /lib/python3XY.zip/
assert prefix.endswith(".zip/"), sys.path
imported = sorted({
    module.__file__[len(prefix):]
    for module in list(sys.modules.values())
    if isinstance(getattr(module, "__file__", None), str) and module.__file__.startswith(prefix)
})
pyc = {}
archive = zipfile.ZipFile(prefix.rstrip("/"))
for name in imported:
    source = archive.read(name)
    code = compile(source, prefix + name, "exec", dont_inherit=True)
    data = _bootstrap_external._code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False)
    pyc[name] = base64.b64encode(bytes(data)).decode("ascii")
json.dumps({"imported": imported, "pyc": pyc})
`);
writeFileSync(out, result);
