"""Errors as Python exceptions: grammar and configuration errors name file and line, a panic
becomes InternalError, and text that is not Unicode is refused."""

import pytest

import quotecheck


def test_grammar_extends_the_builtin_one(tmp_path):
    (tmp_path / "verbs.txt").write_text(
        "harrumph forms=harrumphs,harrumphed,harrumphing stance=loaded\n", encoding="utf-8"
    )
    g = quotecheck.Grammar.from_dirs([tmp_path])
    assert [str(d) for d in g.dirs] == [str(tmp_path)]
    text = '"Nonsense," Lord Pell harrumphed.'
    assert quotecheck.analyze(text).quotes[0].speaker is None
    q = quotecheck.analyze(text, grammar=g).quotes[0]
    assert (q.speaker.name, q.cue.lemma, q.cue.stance) == ("Pell", "harrumph", "loaded")
    [r] = quotecheck.analyze_many([text], grammar=g)
    assert r.quotes[0].speaker.name == "Pell"
    assert quotecheck.Grammar.builtin().dirs == []


def test_grammar_error_names_file_and_line(tmp_path):
    path = tmp_path / "verbs.txt"
    path.write_text(
        "harrumph forms=harrumphs,harrumphed,harrumphing stance=loaded\n"
        "grumble stance=grumpy\n",
        encoding="utf-8",
    )
    with pytest.raises(quotecheck.GrammarError) as e:
        quotecheck.Grammar.from_dirs([tmp_path])
    assert e.value.file == str(path)
    assert e.value.line == 2
    assert str(e.value).startswith(f"{path}:2: ")
    assert isinstance(e.value, quotecheck.Error)


def test_grammar_error_for_unknown_file_and_missing_folder(tmp_path):
    (tmp_path / "nouns-extra.txt").write_text("thing\n", encoding="utf-8")
    with pytest.raises(quotecheck.GrammarError) as e:
        quotecheck.Grammar.from_dirs([tmp_path])
    assert e.value.file.endswith("nouns-extra.txt") and e.value.line is None
    assert "unknown grammar file" in str(e.value)
    missing = tmp_path / "no-such-folder"
    with pytest.raises(quotecheck.GrammarError) as e:
        quotecheck.Grammar.from_dirs([missing])
    assert e.value.file == str(missing) and e.value.line is None
    with pytest.raises(TypeError):
        quotecheck.Grammar.from_dirs(str(tmp_path))


def test_config_errors(tmp_path):
    path = tmp_path / "quotecheck.toml"
    path.write_text('[rules]\n\nloaded-verbs = "off"\n', encoding="utf-8")
    with pytest.raises(quotecheck.ConfigError) as e:
        quotecheck.check("text", config=path)
    assert (e.value.file, e.value.line) == (str(path), 3)
    assert "unknown rule" in str(e.value)
    with pytest.raises(quotecheck.ConfigError) as e:
        quotecheck.check("text", config={"loaded-verb": "loud"})
    assert e.value.file is None and "expected off, info, warning or error" in str(e.value)
    with pytest.raises(quotecheck.ConfigError):
        quotecheck.check("text", config={"no-such-rule": "off"})
    with pytest.raises(quotecheck.ConfigError) as e:
        quotecheck.check("text", config=tmp_path / "missing.toml")
    assert e.value.line is None


def test_a_panic_becomes_internal_error():
    with pytest.raises(quotecheck.InternalError, match="on purpose"):
        quotecheck._native._panic_for_test()
    # The interpreter and the extension go on working.
    assert quotecheck.analyze('"Still here," said Ida Berg.').quotes[0].speaker.name == "Ida Berg"


def test_text_must_be_unicode_str():
    with pytest.raises(UnicodeEncodeError):
        quotecheck.analyze("a lone surrogate \udc80 here")
    with pytest.raises(TypeError):
        quotecheck.analyze(b"bytes")
    with pytest.raises(UnicodeEncodeError):
        list(quotecheck.analyze_many(["fine.", "\ud800"]))


def test_to_json_needs_a_json_id():
    [r] = quotecheck.analyze_many([(object(), "text")])
    with pytest.raises(TypeError, match="JSON"):
        r.to_json()
    [r] = quotecheck.analyze_many([(("a", 1), "text")])
    assert r.to_json().startswith('{"id":["a",1],')


def test_grammar_pickles(tmp_path):
    import pickle

    (tmp_path / "verbs.txt").write_text(
        "harrumph forms=harrumphs,harrumphed,harrumphing stance=loaded\n", encoding="utf-8"
    )
    g = pickle.loads(pickle.dumps(quotecheck.Grammar.from_dirs([tmp_path])))
    text = '"Nonsense," Lord Pell harrumphed.'
    assert quotecheck.analyze(text, grammar=g).quotes[0].speaker.name == "Pell"
    assert pickle.loads(pickle.dumps(quotecheck.Grammar.builtin())).dirs == []
