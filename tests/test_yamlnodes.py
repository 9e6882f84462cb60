"""The strict YAML loader: YAML 1.2 scalars, positions, and every refusal with its line and column."""

import time
from pathlib import Path

import pytest
import yaml
from yaml.nodes import ScalarNode, SequenceNode

from headshots import yamlnodes, yamlparse
from headshots.yamlnodes import YamlError


def error_of(text):
    with pytest.raises(YamlError) as caught:
        yamlnodes.load(text)
    return (caught.value.line, caught.value.col, caught.value.message)


def test_scalars_are_read_as_typed_yaml_1_2():
    data = yamlnodes.load(
        "country: NO\nregion: ON\nyes: yes\noff: off\na: true\nb: False\nn: 12\nneg: -3\nf: 1.5\n"
        "e: 1e3\nhex: 0x1F\nnull1:\nnull2: ~\ndate: 2026-10-01\nquoted: '12'\nunderscore: 1_000\n"
    ).data
    assert data == {
        "country": "NO",
        "region": "ON",
        "yes": "yes",
        "off": "off",
        "a": True,
        "b": False,
        "n": 12,
        "neg": -3,
        "f": 1.5,
        "e": 1000.0,
        "hex": 31,
        "null1": None,
        "null2": None,
        "date": "2026-10-01",
        "quoted": "12",
        "underscore": "1_000",
    }
    assert type(data["n"]) is int and type(data["f"]) is float


@pytest.mark.parametrize(
    "value",
    [
        "",
        "~",
        "null",
        "Null",
        "NULL",
        "nulls",
        "true",
        "True",
        "TRUE",
        "tRUE",
        "false",
        "0",
        "-3",
        "+7",
        "0o17",
        "0o8",
        "0x1F",
        "0xG",
        "1.5",
        "-.5",
        "1e3",
        "1.",
        ".inf",
        "-.Inf",
        ".NaN",
        "1_000",
        "2026-10-01",
        "NO",
        "on",
        "yes",
        "Maya",
        "*x",
        "é",
    ],
)
def test_our_resolver_tags_every_scalar_as_pyyaml_s_base_resolver_would(value):
    """`_Resolver` overrides BaseResolver.resolve for speed: the same tag for every kind of node."""
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode
    from yaml.resolver import BaseResolver

    ours = yamlparse._Resolver()
    for kind in (ScalarNode, SequenceNode, MappingNode):
        for implicit in ((True, False), (False, True), (False, False)):
            assert ours.resolve(kind, value, implicit) == BaseResolver.resolve(ours, kind, value, implicit)


def test_positions_of_values_and_keys_are_one_based():
    doc = yamlnodes.load("name: Maya\nlocation:\n  city: Chicago\nheadshots:\n  - file: a.jpg\n    alt: x\n")
    assert doc.positions[()] == (1, 1)
    assert doc.positions[("name",)] == (1, 7)
    assert doc.key_positions[("location", "city")] == (3, 3)
    assert doc.positions[("location", "city")] == (3, 9)
    assert doc.positions[("headshots", 0)] == (5, 5)
    assert doc.positions[("headshots", 0, "alt")] == (6, 10)
    assert doc.where(("headshots", 0, "missing")) == (5, 5)
    assert doc.where(("location", "city"), key=True) == (3, 3)


def test_a_narrowed_document_keeps_the_positions_asked_for_and_their_ancestors():
    doc = yamlnodes.load("name: Maya\nheadshots:\n  - file: a.jpg\n    alt: x\n  - file: b.jpg\n    alt: y\n")
    kept = doc.narrowed([("headshots", 1, "file")])
    assert kept.data is doc.data
    assert kept.where(("headshots", 1, "file")) == (5, 11)
    assert kept.where(("headshots", 1, "alt")) == (5, 5)  # the headshot's own line
    assert kept.where(("name",)) == (1, 1)
    assert set(kept.positions) == {(), ("headshots",), ("headshots", 1), ("headshots", 1, "file")}


def test_duplicate_key():
    assert error_of("name: A\nstudio: B\nname: C\n") == (
        3,
        1,
        'duplicate key "name" (first written on line 1): keep one',
    )


def test_nested_duplicate_key():
    assert error_of("price:\n  from: 1\n  from: 2\n") == (
        3,
        3,
        'duplicate key "from" (first written on line 2): keep one',
    )


def test_anchor_refused_where_it_is_written():
    assert error_of("a: 1\nb: &x [1, 2]\n") == (2, 4, 'anchors ("&x") are not allowed: write each value out in full')


def test_billion_laughs_fails_fast():
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for index, name in enumerate("bcdefghi"):
        previous = "abcdefghi"[index]
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    start = time.perf_counter()
    assert error_of("\n".join(lines) + "\n") == (1, 4, 'anchors ("&a") are not allowed: write each value out in full')
    assert time.perf_counter() - start < 0.5


def test_alias_without_anchor_is_refused():
    line, col, message = error_of("a: *nowhere\n")
    assert (line, col) == (1, 4)
    assert message == 'aliases ("*nowhere") are not allowed: write the value out in full'


def test_syntax_error_has_line_and_column():
    assert error_of("name: Maya\nlocation: [Chicago\n") == (
        3,
        1,
        "YAML syntax error: expected ',' or ']', but got '<stream end>' "
        "(while parsing a flow sequence that starts on line 2)",
    )
    assert error_of("a: b: c\n") == (1, 5, "YAML syntax error: mapping values are not allowed here")


def test_non_utf8_bytes_are_reported_at_their_position():
    assert error_of("name: Maya\ncity: Z\xfcrich\n".encode("latin-1")) == (
        2,
        8,
        "byte 0xFC is not UTF-8: save the file with UTF-8 encoding",
    )


def test_utf8_with_bom_and_unicode():
    assert yamlnodes.load("\ufeffname: Zoë 山田\n".encode("utf-8")).data == {"name": "Zoë 山田"}


def test_control_character():
    assert error_of("a: \x07\n") == (1, 4, "the control character U+0007 is not allowed: remove it")


def test_tags_other_than_the_standard_ones_are_refused():
    assert (
        error_of("a: !!python/object:os.system x\n")[2]
        == 'the tag "!!python/object:os.system" is not allowed: remove it'
    )
    assert error_of("a: !custom x\n")[2] == 'the tag "!custom" is not allowed: remove it'
    assert yamlnodes.load("a: !!str 12\nb: !!int '7'\n").data == {"a": "12", "b": 7}


def test_two_documents():
    assert error_of("a: 1\n---\nb: 2\n") == (
        2,
        1,
        'YAML syntax error: only one YAML document is allowed (remove the second "---")',
    )


def test_complex_key():
    assert error_of("? [a, b]\n: 1\n") == (1, 3, "a key must be a plain word, not a list or a mapping")


def test_empty_and_list_documents_load_as_data():
    assert yamlnodes.load("").data is None
    assert yamlnodes.load("# only a comment\n").data is None
    assert yamlnodes.load("- a\n- b\n").data == ["a", "b"]


def test_compose_returns_nodes_for_other_readers():
    node = yamlnodes.compose("title: x\n")
    assert node.value[0][0].value == "title" and node.value[0][0].start_mark.line == 0
    assert yamlnodes.compose("") is None
    with pytest.raises(YamlError):
        yamlnodes.compose("a: &x 1\n")


def test_load_file(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_bytes(b"a: 1\n")
    assert yamlnodes.load_file(path).data == {"a": 1}


def _tree(node):
    """Everything a reader of `compose` can see: kind, tag, value, style and both marks of every node."""
    if node is None:
        return None
    marks = (node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)
    if isinstance(node, ScalarNode):
        return ("scalar", node.tag, node.value, node.style, marks)
    if isinstance(node, SequenceNode):
        return ("seq", node.tag, node.flow_style, marks, [_tree(item) for item in node.value])
    return ("map", node.tag, node.flow_style, marks, [(_tree(key), _tree(value)) for key, value in node.value])


def _read(text):
    try:
        document = yamlnodes.load(text)
        loaded = (document.data, document.positions, document.key_positions)
    except YamlError as error:
        loaded = (error.line, error.col, error.message)
    try:
        composed = _tree(yamlnodes.compose(text))
    except YamlError as error:
        composed = (error.line, error.col, error.message)
    return loaded, composed


def _pure_python_read(text, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(yamlparse, "_FastLoader", None)
        return _read(text)


needs_libyaml = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")


@needs_libyaml
def test_libyaml_path_reads_real_profiles_exactly_as_the_pure_python_path(monkeypatch):
    profiles = sorted((Path(__file__).parent.parent / "photographers").glob("*/profile.yaml"))
    assert profiles
    for path in profiles:
        text = path.read_bytes()
        with monkeypatch.context() as patch:  # served by libyaml alone, no fallback
            patch.setattr(yamlparse, "_Loader", None)
            fast = _read(text)
        assert isinstance(fast[0][0], dict), path
        assert fast == _pure_python_read(text, monkeypatch), path


@needs_libyaml
@pytest.mark.parametrize(
    "text",
    [
        "name: A\nstudio: B\nname: C\n",  # duplicate key
        "a: 1\nb: &x [1, 2]\nc: *x\n",  # anchor
        "a: *nowhere\n",  # alias
        "name: Maya\nlocation: [Chicago\n",  # syntax errors: worded by the pure-Python parser
        "a: b: c\n",
        "a: \x07\n",  # control character
        "a: 1\n---\nb: 2\n",  # two documents
        "? [a, b]\n: 1\n",  # complex key
        "a: !custom x\nb: !!int nope\n",  # tags
        "n: !!int nope\n",
        # where libyaml is more lenient than PyYAML (handed to the pure-Python parser)
        "a: b\t\n",
        "bio: |#\n  x\n",
        "a: !x!y 1\n",
        "a: !\n",
        "tags: [a?b]\n",
        "{a: }\n",
        "[? ]\n",
        "\ufeffa: 1\nb: \ufeffc\n",
        "a: 1",
        "? a",  # the last two: no newline at the end
        # the same data, styles and marks either way
        "key:\n- a\n- b\nother: [x, y]\nm: {k: v}\nq: 'quoted'\nd: \"x\\ty\"\nl: >-\n  folded\n  text\n",
    ],
)
def test_libyaml_path_and_pure_python_path_agree(text, monkeypatch):
    assert _read(text) == _pure_python_read(text, monkeypatch)
