// "Embed this section": snippets that name the address the page is served from, boxes
// that show the whole snippet, and a button that copies each one.

const status = (box) => box.querySelector(".hb-embed-code__status");

// Built snippets name the build's site_url; readers need the address they see.
function useServedAddress(box) {
  const built = box.dataset.hbBuiltRoot;
  const served = new URL(box.dataset.hbRoot, location.href).href;
  if (!built || !location.protocol.startsWith("http")) return;
  for (const snippet of box.querySelectorAll(".hb-embed-code__snippet")) {
    snippet.value = snippet.value.replaceAll(built, served);
  }
  // Only an address with an edition folder can be pinned to one edition.
  box.querySelector(".hb-embed-code__edition").hidden = !served.includes("/latest/");
}

// Browsers without CSS field-sizing: grow each box to its text when it can be seen.
function fitSnippets(box) {
  if (box.open === false || CSS.supports("field-sizing", "content")) return;  // a closed box has no size
  for (const snippet of box.querySelectorAll(".hb-embed-code__snippet")) {
    snippet.style.height = "auto";
    snippet.style.height = `${snippet.scrollHeight + snippet.offsetHeight - snippet.clientHeight}px`;
  }
}

window.addEventListener("resize", () => document.querySelectorAll(".hb-embed-code").forEach(fitSnippets));

async function copy(box, snippet) {
  status(box).textContent = "";  // so that a second copy is announced again
  try {
    await navigator.clipboard.writeText(snippet.value);
    status(box).textContent = "Copied";
  } catch {
    // No clipboard access (an older browser, or a page not served over HTTPS).
    snippet.focus();
    snippet.select();
    status(box).textContent = "Selected: press Ctrl+C, or Command+C on a Mac, to copy";
  }
}

export function initEmbedCode(root = document) {
  for (const box of root.querySelectorAll(".hb-embed-code")) {
    useServedAddress(box);
    fitSnippets(box);
    box.addEventListener("toggle", () => fitSnippets(box));
    for (const button of box.querySelectorAll("[data-hb-copy]")) {
      const snippet = box.querySelector(`#${button.dataset.hbCopy}`);
      button.addEventListener("click", () => copy(box, snippet));
      button.hidden = false;
    }
  }
}
