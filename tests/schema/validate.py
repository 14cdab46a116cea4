#!/usr/bin/python3
"""Checks orgsim's JSON documents against their JSON Schemas (docs/schema/, draft 2020-12).

    /usr/bin/python3 tests/schema/validate.py SCHEMA FILE...
    /usr/bin/python3 tests/schema/validate.py run.schema.json out.json

SCHEMA is a file name in docs/schema/ (or a path to one). Every problem is printed as
`FILE: JSON-PATH: message` (JSON-PATH as `$.cx.min`, `$.base.roles[3].peak`). Exit
status 0: every document matches; 1: some do not; 2: usage, unreadable file or schema.

Needs Debian's python3-jsonschema (scripts/setup.sh installs it): run it with the system
/usr/bin/python3, which has it, not a pyenv or virtualenv python3 found first on PATH.
"""

import json
import pathlib
import sys

try:
    import jsonschema
except ImportError as e:  # pragma: no cover - a setup problem, reported plainly
    sys.exit(f"validate.py: cannot import jsonschema ({e}); install python3-jsonschema "
             f"(scripts/setup.sh) and run this with /usr/bin/python3, not {sys.executable}")

SCHEMA_DIR = pathlib.Path(__file__).resolve().parents[2] / "docs" / "schema"
MAX_MESSAGE = 300  # a message quoting a whole CX series is cut here


def load_json(path):
    """The parsed file; raises ValueError naming the file and the place of a syntax error."""
    path = pathlib.Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ValueError(f"{path}: cannot read: {e}") from e
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise ValueError(f"{path}:{e.lineno}:{e.colno}: not JSON: {e.msg}") from e


class Schemas:
    """Every schema of a folder, checked against the draft 2020-12 meta-schema, with the
    relative `$ref`s between them ("run.schema.json") resolved from the same folder."""

    def __init__(self, folder=SCHEMA_DIR):
        self.folder = pathlib.Path(folder).resolve()
        self.by_name = {}
        for path in sorted(self.folder.glob("*.schema.json")):
            schema = load_json(path)
            try:
                jsonschema.Draft202012Validator.check_schema(schema)
            except jsonschema.SchemaError as e:
                raise ValueError(f"{path}: not a valid draft 2020-12 schema: "
                                 f"{e.json_path}: {e.message}") from e
            self.by_name[path.name] = schema
        if not self.by_name:
            raise ValueError(f"{self.folder}: no *.schema.json files")
        self._store = {(self.folder / name).as_uri(): s for name, s in self.by_name.items()}

    def validator(self, name):
        """A Draft202012Validator for the schema file `name` of the folder."""
        name = pathlib.Path(name).name
        if name not in self.by_name:
            raise ValueError(f"no schema {name} in {self.folder} "
                             f"(there are: {', '.join(self.by_name)})")
        schema = self.by_name[name]
        uri = (self.folder / name).as_uri()
        # jsonschema 4.10 (Debian 12) resolves $ref through a RefResolver with a store.
        resolver = jsonschema.RefResolver(base_uri=uri, referrer=schema, store=self._store)
        return jsonschema.Draft202012Validator(schema, resolver=resolver)


def problems(validator, document):
    """[(json_path, message)] of every place the document breaks the schema, by path."""
    found = []
    for error in validator.iter_errors(document):
        message = error.message
        if len(message) > MAX_MESSAGE:
            message = message[:MAX_MESSAGE] + "..."
        found.append((error.json_path, message))
    return sorted(found)


def check_files(schemas, schema_name, files, out=sys.stdout):
    """Prints each problem as FILE: PATH: message; returns the number of bad files."""
    validator = schemas.validator(schema_name)
    bad = 0
    for f in files:
        found = problems(validator, load_json(f))
        for path, message in found:
            print(f"{f}: {path}: {message} (schema {schema_name})", file=out)
        bad += bool(found)
    return bad


def main(argv):
    if len(argv) < 3 or argv[1] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        schemas = Schemas()
        bad = check_files(schemas, argv[1], argv[2:])
    except ValueError as e:
        print(f"validate.py: {e}", file=sys.stderr)
        return 2
    if bad:
        print(f"validate.py: {bad} of {len(argv) - 2} document(s) do not match {argv[1]}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
