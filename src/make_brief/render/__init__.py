"""The render room: a brief's HTML, and the output formats made from it.

``templating`` turns the context of a brief into semantic HTML through its template set;
``typography`` applies the language's spacing to it; each writer (``html``, ``pdf``,
``pdfa``, ``docx/``) turns that one HTML into the bytes of one file. :mod:`.formats` is
the only list of formats: the command line, the cache, the manifest and the site read it.

Imports stay lazy: WeasyPrint and python-docx load only when a writer is first used.
"""
