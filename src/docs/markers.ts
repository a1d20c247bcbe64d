/** Begin and end markers around a generated part of a Markdown file, and how to read and replace it. */

/** Begin and end markers of a generated part of a Markdown file. */
export interface Markers {
  readonly begin: string;
  readonly end: string;
}

/** The text between the markers, trimmed; throws if the markers are missing. */
export function betweenMarkers(text: string, markers: Markers): string {
  const start = text.indexOf(markers.begin);
  const end = text.indexOf(markers.end);
  if (start < 0 || end < start) throw new Error(`markers not found: ${markers.begin}`);
  return text.slice(start + markers.begin.length, end).trim();
}

/** Replaces the text between the markers; throws if the markers are missing. */
export function replaceBetweenMarkers(text: string, markers: Markers, content: string): string {
  betweenMarkers(text, markers);
  const start = text.indexOf(markers.begin) + markers.begin.length;
  return text.slice(0, start) + '\n' + content + '\n' + text.slice(text.indexOf(markers.end));
}
