"""The desk: two entry points (app.py for the web, worker.py for the jobs), one package
per feature, the frame every page shares (ui/), and the kernel beneath them all."""
