import type { Diagnostic } from '@waymark/workflows';

const capitalize = (text: string) => text.replace(/^\s*./, (c) => c.toUpperCase());

/** A document path as field words: `settings.goal.event` -> "Goal event", `settings.exitOn.0.event` -> "Exit on event". */
export function fieldWords(path: string): string {
  const words = path
    .split('.')
    .filter((part) => part !== 'settings' && !/^\d+$/.test(part))
    .map((part) => part.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase())
    .join(' ');
  return capitalize(words || 'The journey');
}

/**
 * A compiler diagnostic as a sentence a marketer reads: no `Node "message_1", field template.title:`
 * or `settings.goal.event:` prefix; node ids inside the text become the names people know them by.
 */
/** Rewordings of the graph problems a marketer meets most, where the compiler's text names handles and ids. */
const rewordings: Partial<Record<Diagnostic['code'], (diagnostic: Diagnostic) => string>> = {
  unconnected_output: ({ handle }) =>
    `${!handle || handle === 'next' ? 'The arrow out of this step' : `The “${handle}” arrow`} is not connected: connect it to the next step (or an Exit).`,
};

export function diagnosticSentence(diagnostic: Diagnostic, labelOf?: (nodeId: string) => string | undefined): string {
  const reworded = rewordings[diagnostic.code];
  if (reworded) return reworded(diagnostic);
  let text = diagnostic.message;
  const onNode = /^Node "[^"]*"(?:, field [^:]*)?:?\s*/.exec(text);
  if (onNode) text = text.slice(onNode[0].length);
  else if (diagnostic.code === 'invalid_document' && diagnostic.path)
    text = `${fieldWords(diagnostic.path)}: ${besideField(diagnostic).replace(/^./, (c) => c.toLowerCase())}`;
  if (labelOf)
    text = text.replace(/"([^"]+)"/g, (whole, id: string) => {
      const label = labelOf(id);
      return label ? `“${label}”` : whole;
    });
  return capitalize(text);
}

/** A diagnostic shown beside its own field: the sentence without naming the field again. */
export function besideField(diagnostic: Pick<Diagnostic, 'message'>): string {
  return capitalize(diagnostic.message.replace(/^Node "[^"]*"(?:, field [^:]*)?:?\s*/, '').replace(/^[\w.]+:\s*/, ''));
}
