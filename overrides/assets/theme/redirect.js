// The page at the root of the published editions (written by `mike set-default` from
// overrides/redirect.html) leads to the latest edition, keeping the query and #anchor.
// A file, as mike's inline script would be refused under `script-src 'self'`.
location.replace(document.currentScript.dataset.href + location.search + location.hash);
