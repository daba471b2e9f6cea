"""Views stay independent: only a URL configuration imports a view module.

What views share (URL builders, the loaded content, what a short link's code pins) lives in
modules without views, so changing one page group never reaches into another. Read from the
source with `ast`: nothing is imported.
"""

import ast
from pathlib import Path

WEB = Path(__file__).resolve().parent.parent / "catalog" / "web"
PACKAGE = "catalog.web"
URL_CONFIGURATION = "catalog.web.urls"  # it names every view, so it imports them all
VIEW_DECORATORS = {"require_safe", "require_GET", "require_POST", "require_http_methods"}


def parse(module: str) -> ast.Module:
    return ast.parse((WEB / f"{module.removeprefix(PACKAGE + '.')}.py").read_text())


def web_modules() -> list[str]:
    return sorted(f"{PACKAGE}.{path.stem}" for path in WEB.glob("*.py") if path.stem != "__init__")


def _decorator_name(node: ast.expr) -> str:
    target = node.func if isinstance(node, ast.Call) else node
    return target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")


def defines_views(tree: ast.Module) -> bool:
    """A function under one of Django's method decorators, or a syndication Feed."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and any(
            _decorator_name(decorator) in VIEW_DECORATORS for decorator in node.decorator_list
        ):
            return True
        if isinstance(node, ast.ClassDef) and any(
            _decorator_name(base) == "Feed" for base in node.bases
        ):
            return True
    return False


def imported_modules(module: str, tree: ast.Module) -> set[str]:
    """Every module named by an import anywhere in the tree, relative imports resolved;
    `from package import name` counts `package.name` too (it may be a module)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = module.rsplit(".", node.level)[0]
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def view_modules() -> set[str]:
    return {module for module in web_modules() if defines_views(parse(module))}


def test_the_view_modules_are_recognised():
    assert {
        "catalog.web.views",
        "catalog.web.check_views",
        "catalog.web.result_views",
        "catalog.web.feeds",
        "catalog.web.api",
    } <= view_modules()


def test_a_view_module_is_imported_only_by_the_url_configuration():
    views = view_modules()
    offending = {
        module: sorted(imported_modules(module, parse(module)) & views)
        for module in web_modules()
        if module != URL_CONFIGURATION
    }
    assert {module: names for module, names in offending.items() if names} == {}


def test_imports_are_read_in_every_form():
    tree = ast.parse(
        "import catalog.web.views\n"
        "from catalog.web import feeds, links\n"
        "from .result_views import pinned\n"
        "def late():\n    from catalog.web.api import assessment\n"
    )
    assert imported_modules("catalog.web.check_views", tree) >= {
        "catalog.web.views",
        "catalog.web.feeds",
        "catalog.web.result_views",
        "catalog.web.api",
    }
