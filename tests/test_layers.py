"""The package imports one way: each module only from its own layer or a lower one, and no loops.

The layers are `headshots.LAYERS` (read -> model -> pictures -> checks -> page
data -> pages -> search -> wiring). Every import counts, at the top of a file
or inside a function.
"""

import ast
from pathlib import Path

import headshots

PACKAGE = Path(headshots.__file__).resolve().parent
LAYER_OF = {name: rank for rank, (_, names) in enumerate(headshots.LAYERS) for name in names}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(name: str) -> bool:
    path = PACKAGE.parent / name.replace(".", "/")
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports_of(path: Path) -> set[str]:
    """The package's own modules that `path` imports (a name imported from a package counts as
    that submodule when it is one)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            source = ".".join([*base, node.module] if node.module else base)
            for alias in node.names:
                full = f"{source}.{alias.name}"
                found.add(full if is_module(full) else source)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {m for m in found if m.split(".")[0] == "headshots" and m != name}


GRAPH = {module_name(path): imports_of(path) for path in PACKAGE.rglob("*.py")}


def layer(module: str) -> int:
    """The layer of `headshots.x.y` is the layer of `x`."""
    return LAYER_OF[module.split(".")[1]]


def test_every_module_has_a_layer():
    top = {m.split(".")[1] for m in GRAPH if m != "headshots"}
    assert top - set(LAYER_OF) == set(), "add the new modules to headshots.LAYERS"
    assert set(LAYER_OF) - top == set(), "headshots.LAYERS names modules that are gone"


def test_no_module_imports_a_later_stage():
    upward = sorted(
        f"{module} ({headshots.LAYERS[layer(module)][0]}) imports {target} ({headshots.LAYERS[layer(target)][0]})"
        for module, targets in GRAPH.items()
        if module != "headshots"
        for target in targets
        if target != "headshots" and layer(target) > layer(module)
    )
    assert upward == []


def test_no_import_loops():
    """Depth-first search for a cycle among the package's own modules (a package imports its
    submodules through its __init__, which is not a loop)."""
    loops, done = [], set()

    def visit(module, trail):
        if module in trail:
            cycle = trail[trail.index(module) :]
            if not all(a.startswith(b + ".") or b.startswith(a + ".") for a, b in zip(cycle, cycle[1:], strict=False)):
                loops.append(" -> ".join([*cycle, module]))
            return
        if module in done:
            return
        for target in sorted(GRAPH.get(module, ())):
            visit(target, [*trail, module])
        done.add(module)

    for module in sorted(GRAPH):
        visit(module, [])
    assert loops == []


def test_only_the_wiring_file_connects_pelican_signals():
    connecting = sorted(
        module_name(path)
        for path in PACKAGE.rglob("*.py")
        if "from pelican import" in path.read_text(encoding="utf-8") and "signals" in path.read_text(encoding="utf-8")
    )
    assert connecting == ["headshots.plugin"]
