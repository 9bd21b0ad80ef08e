"""The desktop app: PySide6 windows that present the core and call its services.

Nothing outside this package imports Qt. Forms are designed in ``ui/*.ui`` and compiled into
:mod:`expatdesk.qt.forms` by :mod:`expatdesk.qt.build_forms`.

PySide6 is pinned to 6.11 in requirements.lock: 6.12.0 on Python 3.11 drops references to
``None`` (widget paints, ``translate`` without disambiguation, ``data()`` returning ``None``)
until the interpreter aborts with "deallocating None".
"""

from expatdesk.qt import bindings as _bindings

_bindings.install()  # before any other module of the package is imported
