"""The transparency website: an MkDocs plugin that turns the resolved notices into pages, hubs and downloads."""
