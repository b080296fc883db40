// A job description draft as a Word (.docx) file, made in the browser so the draft
// never leaves it. The styles, list numbering and other package parts come from the
// handbook's own blank Word template (made at build time with python-docx); only
// the document text and title are written here. No library: a .docx is a zip of XML,
// and the new parts are stored uncompressed, which Word and LibreOffice both read.
import * as store from "./handbook-store.js";
import { saveFile } from "./dom.js";

const A4_SECTION = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1417" w:bottom="1440" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>';

function xmlText(text) {
  // Characters XML 1.0 cannot hold at all are dropped; the rest are escaped.
  return String(text).replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, "")
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function paragraph(text, style) {
  const properties = style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : "";
  return `<w:p>${properties}<w:r><w:t xml:space="preserve">${xmlText(text)}</w:t></w:r></w:p>`;
}

// The same structure as the build's Word templates: Title, Heading 1 per part,
// Heading 2 per section, List Bullet for points.
export function documentXml(draft, { excludedHeading, footer }) {
  const body = [paragraph(draft.title || "Job title", "Title")];
  for (const part of draft.parts) {
    body.push(paragraph(part.heading, "Heading1"));
    for (const section of part.sections) {
      if (section.heading) body.push(paragraph(section.heading, "Heading2"));
      if (section.text) body.push(paragraph(section.text));
      for (const point of section.points) body.push(paragraph(point, "ListBullet"));
    }
  }
  if (draft.excluded.length) {
    body.push(paragraph(excludedHeading, "Heading1"));
    for (const task of draft.excluded) body.push(paragraph(task, "ListBullet"));
  }
  body.push(paragraph(footer));
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body.join("")}${A4_SECTION}</w:body></w:document>`;
}

function coreXml(title) {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${xmlText(title)}</dc:title></cp:coreProperties>`;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// The entries of a zip file, read from its central directory: each one's name, how it
// is compressed and its compressed bytes, which are copied as they are.
function readZip(buffer) {
  const view = new DataView(buffer);
  let end = buffer.byteLength - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error("the Word template is not a zip file");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries = [];
  for (let i = 0; i < count; i++) {
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const size = view.getUint32(at + 20, true);
    const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    entries.push({
      name: new TextDecoder().decode(new Uint8Array(buffer, at + 46, nameLength)),
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      size,
      fullSize: view.getUint32(at + 24, true),
      data: new Uint8Array(buffer, dataStart, size),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

function stored(name, text) {
  const data = new TextEncoder().encode(text);
  return { name, method: 0, crc: crc32(data), size: data.length, fullSize: data.length, data };
}

function writeZip(entries) {
  const chunks = [];
  const directory = [];
  let offset = 0;
  for (const entry of entries) {
    const name = new TextEncoder().encode(entry.name);
    const header = new DataView(new ArrayBuffer(30));
    header.setUint32(0, 0x04034b50, true);
    header.setUint16(4, 20, true);
    header.setUint16(8, entry.method, true);
    header.setUint16(12, 0x21, true); // 1 January 1980, the zip format's earliest date
    header.setUint32(14, entry.crc, true);
    header.setUint32(18, entry.size, true);
    header.setUint32(22, entry.fullSize, true);
    header.setUint16(26, name.length, true);
    const central = new DataView(new ArrayBuffer(46));
    central.setUint32(0, 0x02014b50, true);
    central.setUint16(4, 20, true);
    central.setUint16(6, 20, true);
    central.setUint16(10, entry.method, true);
    central.setUint16(14, 0x21, true);
    central.setUint32(16, entry.crc, true);
    central.setUint32(20, entry.size, true);
    central.setUint32(24, entry.fullSize, true);
    central.setUint16(28, name.length, true);
    central.setUint32(42, offset, true);
    chunks.push(header, name, entry.data);
    directory.push(central, name);
    offset += 30 + name.length + entry.size;
  }
  const directorySize = directory.reduce((sum, part) => sum + part.byteLength, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, directorySize, true);
  end.setUint32(16, offset, true);
  return new Blob([...chunks, ...directory, end], {
    type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  });
}

async function draftToDocx(draft, templateUrl, options) {
  const response = await fetch(templateUrl);
  if (!response.ok) throw new Error(`the Word template could not be loaded (${response.status})`);
  const replaced = {
    "word/document.xml": documentXml(draft, options),
    "docProps/core.xml": coreXml(draft.title || "Job description"),
  };
  const entries = readZip(await response.arrayBuffer())
    .map((entry) => (entry.name in replaced ? stored(entry.name, replaced[entry.name]) : entry));
  return writeZip(entries);
}

// The draft's Word file, handed to the reader under a name made from its title.
export async function downloadDraft(draft, templateUrl, excludedHeading) {
  const name = store.organisation();
  try {
    const blob = await draftToDocx(draft, templateUrl, {
      excludedHeading,
      footer: `Drafted with the ${name ? `${name} · ` : ""}Peer Roles Handbook, edition ${store.edition()}.`,
    });
    saveFile(blob, `${(draft.title || "job-description").replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "").toLowerCase() || "job-description"}.docx`);
  } catch (error) {
    // Browsers do not let pages opened from files read other files.
    throw location.protocol === "file:"
      ? new Error("the copy of the handbook opened from files cannot read its Word template; print the draft, or open the handbook from a web server")
      : error;
  }
}
