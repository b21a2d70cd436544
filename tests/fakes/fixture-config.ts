/* No Node imports: the happy-dom unit tests load the fixture pages with the same options. */

/**
 * The fixture pages read `window.__FIXTURE_CONFIG__`; query parameters override its fields so
 * tests can try the layouts RedNote also uses (`?noteMode=mask-page&rerender=element`).
 */
export function withConfig(html: string, overrides: URLSearchParams): string {
  if ([...overrides.keys()].length === 0) return html;
  const config: Record<string, string | number> = {};
  for (const [key, value] of overrides) config[key] = /^\d+$/.test(value) ? Number(value) : value;
  const configScriptEnd = html.indexOf('</script>', html.indexOf('window.__FIXTURE_CONFIG__=')) + '</script>'.length;
  const override = `<script>Object.assign(window.__FIXTURE_CONFIG__, ${JSON.stringify(config)});</script>`;
  return html.slice(0, configScriptEnd) + override + html.slice(configScriptEnd);
}
