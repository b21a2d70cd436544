/** Offers `text` as a JSON file download, the way a page does: a blob URL and a link with `download`. */
export function saveFile(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once it started; a minute is far more than it needs.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
