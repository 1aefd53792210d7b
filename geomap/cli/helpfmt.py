"""Help in the conventions of git and ripgrep: one usage style, metavars a person reads, no Python types.

Typer's own help prints arguments as `{files}...` and `<list[str]>`; `GeomapCommand` formats the usage
line from each argument's metavar (`ARTICLE...`, `[NAME]`) and lists arguments without their Python type.
Options show their metavar (every value option declares one; tests/test_cli_help.py checks).
"""

from __future__ import annotations

from typer.core import TyperCommand

HELP_OPTIONS = ["-h", "--help"]
CONTEXT = {"help_option_names": HELP_OPTIONS}


def argument_usage(param) -> str:
    """`NAME`, `[NAME]`, `ARTICLE...` or `[ARTICLE]...`: the form git and POSIX usage lines use."""
    name = (param.metavar or param.name or "").upper()
    many = param.nargs != 1
    if param.required:
        return f"{name}..." if many else name
    return f"[{name}]..." if many else f"[{name}]"


class GeomapCommand(TyperCommand):
    """A Typer command whose usage line and argument list use metavars, never Python types."""

    def collect_usage_pieces(self, ctx) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        pieces += [argument_usage(p) for p in self.get_params(ctx) if p.param_type_name == "argument"]
        return pieces

    def format_options(self, ctx, formatter) -> None:
        args, opts = [], []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                args.append((argument_usage(param), param.help or ""))
            elif param.param_type_name == "option":
                record = param.get_help_record(ctx)
                if record is not None:
                    opts.append(record)
        if args:
            with formatter.section("Arguments"):
                formatter.write_dl(args)
        if opts:
            with formatter.section("Options"):
                formatter.write_dl(opts)


def examples(*lines: str) -> str:
    """An epilog of example command lines, kept as written (click's \\b stops the rewrapping)."""
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)
