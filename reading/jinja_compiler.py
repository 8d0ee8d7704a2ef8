"""Jinja2 compiled with the common cases inline: the same templates, fewer Python calls a page.

A career page prints about five hundred values and reads about seven hundred attributes. Jinja2
compiles ``{{ event.title }}`` to ``escape(environment.getattr(event, "title"))``: three Python
calls (Jinja's getattr, MarkupSafe's escape and the Markup it builds) for one C-level lookup and
one C-level escape. This code generator writes the same expression so that the usual case runs
without them:

- attribute access: ``getattr(obj, "title", missing)`` first, and Jinja's own ``getattr`` (item
  lookup, then undefined) only when the object has no such attribute;
- output: a plain ``str`` is escaped by MarkupSafe's C escaper directly and a ``Markup`` is
  written as it is (what ``escape`` returns for it); anything else (numbers, undefined, Django's
  SafeString, objects with ``__html__``) goes through ``escape`` as before.

Both keep Jinja's behaviour exactly: the same lookups in the same order, the same errors, the same
escaping (MarkupSafe's, of the same characters). ``PageContext.call`` calls a plain function or
method directly instead of asking it three times whether it wants the context.
"""

import types

from jinja2.compiler import CodeGenerator, optimizeconst
from jinja2.runtime import Context

# MarkupSafe 3's escaper of a str to a str (C, or its pure-Python twin where the extension is
# missing): what escape() runs inside, without the Markup around it. requirements.txt pins 3.x.
from markupsafe import _escape_inner as escape_inner  # noqa: F401 - the compiled templates import it

PLAIN_CALLABLES = (types.FunctionType, types.MethodType, types.BuiltinFunctionType, types.BuiltinMethodType)


class InlineCodeGenerator(CodeGenerator):
    """Jinja's code generator, with attribute access and autoescaped output written inline."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._temporaries = 0
        self._outputs = []  # the temporaries of the outputs being written, innermost last

    def _temporary(self, kind):
        self._temporaries += 1
        return f"_{kind}{self._temporaries}"

    def visit_Template(self, node, frame=None):
        self.writeline("from reading.jinja_compiler import escape_inner")
        super().visit_Template(node, frame)

    @optimizeconst
    def visit_Getattr(self, node, frame):
        if self.environment.is_async or self.environment.sandboxed:
            return super().visit_Getattr(node, frame)
        owner, value = self._temporary("o"), self._temporary("v")
        self.write(f"({value} if ({value} := getattr(({owner} := ")
        self.visit(node.node, frame)
        self.write(
            f"), {node.attr!r}, missing)) is not missing else environment.getattr({owner}, {node.attr!r}))"
        )

    @staticmethod
    def _escapes_inline(frame):
        """Whether this output is escaped for certain, so inline (not decided at run time)."""
        return frame.eval_ctx.autoescape and not frame.eval_ctx.volatile

    def _output_child_pre(self, node, frame, finalize):
        if not self._escapes_inline(frame):
            return super()._output_child_pre(node, frame, finalize)
        value = self._temporary("e")
        self._outputs.append(value)
        self.write(f"(escape_inner({value}) if type({value} := ")
        if finalize.src is not None:
            self.write(finalize.src)

    def _output_child_post(self, node, frame, finalize):
        if not self._escapes_inline(frame):
            return super()._output_child_post(node, frame, finalize)
        value = self._outputs.pop()
        if finalize.src is not None:
            self.write(")")
        self.write(f") is str else {value} if type({value}) is Markup else escape({value}))")


class PageContext(Context):
    """Jinja's template context, calling plain functions and methods without the context dance."""

    def call(__self, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
        if type(__obj) in PLAIN_CALLABLES and not hasattr(__obj, "jinja_pass_arg"):
            kwargs.pop("_loop_vars", None)
            kwargs.pop("_block_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:
                return __self.environment.undefined(
                    "value was undefined because a callable raised a StopIteration exception"
                )
        return super().call(__obj, *args, **kwargs)
