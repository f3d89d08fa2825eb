"""The analytics pages' filters, sections, drill-downs, cache and downloads."""
