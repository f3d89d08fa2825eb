"""SLA analytics: the queries behind every chart, and the charts."""
