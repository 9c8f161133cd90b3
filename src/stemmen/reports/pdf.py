"""HTML → PDF with WeasyPrint (PyPI; needs the Pango libraries of the system)."""

from __future__ import annotations

from stemmen.errors import Invalid


def write_pdf(html: str) -> bytes:
    """The HTML report printed to PDF (A4, page numbers from the stylesheet)."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: the Pango libraries are missing
        raise Invalid("PDF reports need WeasyPrint and the Pango libraries: "
                      "pip install weasyprint; apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
                      "({reason})", reason=str(exc)) from exc
    return HTML(string=html).write_pdf()
