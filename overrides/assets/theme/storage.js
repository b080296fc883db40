// Material's head script, as a file so that pages run under `script-src 'self'`; each
// page loads it just before the theme's bundle (overrides/main.html). The bundle and
// the handbook's tools key what they save by __md_scope, the site's root: from
// data-scope (Material's extra.scope, or the page's relative base URL), resolved
// against the page as Material does. It must run before both read it.
var __md_scope = new URL(document.currentScript.dataset.scope, location);

// With storage blocked (cookies off), merely naming sessionStorage throws, and the theme's
// bundle names it directly when it checks for a newer edition: a blocked store reads as
// missing instead, which __md_get and __md_set below already treat as nothing saved.
(function () {
  var read = Object.getOwnPropertyDescriptor(window, "sessionStorage");
  if (!read || !read.get || !read.configurable) return;
  Object.defineProperty(window, "sessionStorage", {
    configurable: true,
    enumerable: read.enumerable,
    get: function () {
      try {
        return read.get.call(window);
      } catch (error) {
        return null;
      }
    },
  });
})();

function __md_hash(text) {
  return [...text].reduce((hash, char) => (hash << 5) - hash + char.charCodeAt(0), 0);
}

// Storage that is blocked or holds something unreadable reads as nothing saved, and a
// failed write is dropped, so the theme keeps working for the visit.
function __md_get(key, storage, scope) {
  try {
    return JSON.parse((storage || localStorage).getItem((scope || __md_scope).pathname + "." + key));
  } catch (error) {
    return null;
  }
}

function __md_set(key, value, storage, scope) {
  try {
    (storage || localStorage).setItem((scope || __md_scope).pathname + "." + key, JSON.stringify(value));
  } catch (error) {
    // Full or blocked storage: nothing to keep.
  }
}

