"""ReportLab/pypdf renderers: data in, PDF bytes out."""
