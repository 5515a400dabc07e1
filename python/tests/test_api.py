"""The shape of the API: docstrings, stubs, and fields reachable from Python."""

import ast
import inspect
from pathlib import Path

import quotecheck

TEXT = (
    "GENEVA (Alpine Wire) - \"We will rebuild,\" Mayor Ana Ruiz said. A senior official, "
    "speaking on condition of anonymity because the talks are private, said the cost doubled."
)


def test_docstrings_show_in_help():
    for name in quotecheck.__all__:
        obj = getattr(quotecheck, name)
        if inspect.isclass(obj) or inspect.isroutine(obj):
            assert obj.__doc__ and len(obj.__doc__) > 20, name
    assert "who said what" in quotecheck.__doc__.lower()
    assert "threads" in quotecheck.analyze_many.__doc__
    assert quotecheck.Quote.speaker.__doc__


def test_stubs_cover_the_module():
    stub = Path(quotecheck.__file__).with_name("_native.pyi")
    tree = ast.parse(stub.read_text(encoding="utf-8"))
    stubbed = {n.name for n in tree.body if isinstance(n, (ast.ClassDef, ast.FunctionDef))}
    stubbed |= {
        t.id for n in tree.body if isinstance(n, ast.AnnAssign) for t in [n.target]
    }
    native = {n for n in dir(quotecheck._native) if not n.startswith("__") or n == "__version__"}
    assert native - stubbed == set()
    assert Path(quotecheck.__file__).with_name("py.typed").exists()
    # Every typed attribute of a class is in its stub.
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    for name, node in classes.items():
        if name.startswith("_") or not hasattr(quotecheck._native, name):
            continue
        members = {f.name for f in node.body if isinstance(f, ast.FunctionDef)}
        for base in node.bases:
            if isinstance(base, ast.Name) and base.id in classes:
                members |= {f.name for f in classes[base.id].body
                            if isinstance(f, ast.FunctionDef)}
        cls = getattr(quotecheck._native, name)
        public = {m for m in vars(cls) if not m.startswith("_")}
        assert public - members == set(), name


def objects(report):
    """Every report object of `report`."""
    yield report
    if report.dateline:
        yield report.dateline
    for e in report.entities:
        yield e
        yield from e.mentions
    for q in report.quotes:
        yield q
        yield from (x for x in (q.cue, q.speaker, q.anonymity) if x is not None)
        yield from q.chain
    yield from report.diagnostics


def plain(value):
    """An attribute's value as `to_dict()` gives it."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def test_every_dict_field_is_an_attribute():
    # Typed where the report is stable, read from the dict (`__getattr__`) for fields added
    # later: either way every field of `to_dict()` is an attribute with the same value.
    report = quotecheck.analyze(TEXT + ' And an "unclosed quote.')
    kinds = set()
    for obj in objects(report):
        kinds.add(type(obj).__name__)
        for key, value in obj.to_dict().items():
            assert plain(getattr(obj, key)) == value, (type(obj).__name__, key)
    assert {"Report", "Dateline", "Entity", "Mention", "Quote", "Cue", "Speaker",
            "Anonymity", "ChainLink", "Diagnostic"} <= kinds


def test_typed_values():
    report = quotecheck.analyze(TEXT)
    anon = [q for q in report.quotes if q.speaker and q.speaker.anonymous]
    assert anon and anon[0].anonymity.reason.text == "because the talks are private"
    assert anon[0].anonymity.request.text == "speaking on condition of anonymity"
    assert report.figures["anonymous"] >= 1
    assert [q.id for q in report.claims] == [q.id for q in report.quotes if q.claim]
    assert report.schema_version == quotecheck.SCHEMA_VERSION
    assert report.quotes[0].chain[-1].role == "publisher"
    assert "Report" in repr(report) and "Ana Ruiz" in repr(report.quotes[0])
    import pytest
    with pytest.raises(AttributeError):
        report.quotes[0].no_such_field
    with pytest.raises(AttributeError):
        report._private


def test_to_json_pretty_and_dict_order():
    report = quotecheck.analyze(TEXT)
    import json

    assert json.loads(report.to_json(pretty=True)) == json.loads(report.to_json())
    assert "\n  " in report.to_json(pretty=True)
    assert list(report.to_dict()) == ["schema_version", "dateline", "entities", "quotes",
                                      "diagnostics"]


def test_reports_pickle():
    import pickle

    [r] = quotecheck.analyze_many([({"doc": 1}, TEXT + " Zoë 🚀 said so.")])
    back = pickle.loads(pickle.dumps(r))
    assert (back.id, back.text, back.to_json()) == (r.id, r.text, r.to_json())
    assert back.to_dict() == r.to_dict()
    plain = quotecheck.analyze(TEXT)
    assert pickle.loads(pickle.dumps(plain)).id is None
