// Material's script that opens the content tab a link's #anchor names, as a file so
// that pages run under `script-src 'self'`. Instant navigation runs it again on each
// page it swaps in, as it did the inline original.
(function () {
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
