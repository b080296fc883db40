"""MkDocs hook: `mkdocs serve` notices an edit to data/, macros/ or overrides/ sooner.

MkDocs' server looks for changed files every half second (its polling observer), so an
edit waits a quarter of a second on average before the rebuild starts, and `mkdocs
serve` has no option for the interval. The folders named under `watch:` in mkdocs.yml
are scheduled after this event, at the observer's interval then: each look is a stat
of the few hundred files in them."""
POLL_SECONDS = 0.2


def on_serve(server, config, builder):
    # watchdog's observer takes its interval when made and has no setter for it.
    server.observer._timeout = POLL_SECONDS
    return server
