"""The ``journeymaps`` command, beside the MkDocs adapter on the same core: one module per command, the importers."""
