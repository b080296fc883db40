// Material's script for the banner on older editions, as a file so that pages run
// under `script-src 'self'`: when this visit already found the edition outdated, the
// banner shows at once, before the theme's bundle fetches the version list again.
(function () {
  var script = document.currentScript;
  var banner = script.closest("[data-md-component=outdated]");
  // The site's root, from the page's relative base: new URL("../..") alone is not a valid URL.
  var root = new URL(script.dataset.base, location);
  // Read as Material's __md_get does: storage.js, which defines it, loads later.
  try {
    if (banner && JSON.parse(sessionStorage.getItem(root.pathname + ".__outdated")) === true) banner.hidden = false;
  } catch (error) {
    // Storage blocked: the bundle shows the banner once it has read the version list.
  }
})();
