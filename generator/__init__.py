"""Privacy notices as code: YAML facts in; a website, PDFs, Word, JSON and a completeness check out."""
