// Loads Material's search worker (named in this script's address) and the documents
// it searches at the first query, not on every page: see macros/search_split.py.
{  // a block, so that the minifier may shorten these names
  const SETUP = 0
  const READY = 1
  const RESULT = 3  // 2 is a query, the only other message Material sends
  let setup, indexed, indexedNow, material

  // Material's worker answers through these two: its message handler is kept here, and
  // its "ready" (sent once it has indexed the documents) lets the first query through.
  const post = self.postMessage.bind(self)
  self.postMessage = message => message.type === READY ? indexedNow() : post(message)
  self.addEventListener = (type, handler) => { material = handler }

  onmessage = ({ data }) => {
    if (data.type === SETUP) {
      setup = data
      post({ type: READY })  // the page may send queries now
    } else if (!data.data && !indexed) {
      // Material asks with an empty query as soon as search is ready, on every page. Its
      // own answer is no results: give it without loading anything. Once loading has
      // begun, queries go through in order, so an older answer never follows a newer one.
      post({ type: RESULT, data: { items: [] } })
    } else {
      indexed ||= fetch("../../../search/search_docs.json")  // from this script's folder
        .then(response => response.json())
        .then(docs => { importScripts(new URL(location.href).searchParams.get("material")); return docs })
        .then(docs => new Promise(resolve => {
          indexedNow = resolve
          material({ data: { ...setup, data: { ...setup.data, docs } } })
        }))
      indexed.then(() => material({ data }))
    }
  }

}
