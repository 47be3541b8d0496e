"""Serving the built site: the same policy for every host.

Owns the response-header rules (``headers``), the files a host needs
(``host_files``: nginx server block, ``_headers``, precompressed copies) and the
static server used by the preview and the gates (``serve``).

May import: the base modules and the layers below (content, quiz_runtime, channels, site).
"""
