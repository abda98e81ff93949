/** Wrappers a marketer reaches for in an email, around the selected text (or a placeholder). */
const actions = [
  { label: 'Bold', wrap: (text: string) => `<strong>${text || 'bold text'}</strong>` },
  { label: 'Italic', wrap: (text: string) => `<em>${text || 'italic text'}</em>` },
  { label: 'Paragraph', wrap: (text: string) => `<p>${text || 'A new paragraph.'}</p>` },
  { label: 'Heading', wrap: (text: string) => `<h2>${text || 'Heading'}</h2>` },
  { label: 'Link', wrap: (text: string) => `<a href="https://">${text || 'link text'}</a>` },
  {
    label: 'Button',
    wrap: (text: string) =>
      `<a href="https://" style="display:inline-block;padding:12px 20px;background:#3b6fd8;color:#fff;border-radius:6px;text-decoration:none">${text || 'Shop now'}</a>`,
  },
] as const;

/**
 * Formatting for an email's HTML without writing tags: wraps the selection in the textarea the way
 * typing would (so undo and the form's change handling see it), and the preview shows the result.
 */
export function HtmlToolbar({ fieldId }: { fieldId: string }) {
  const apply = (wrap: (text: string) => string) => {
    const field = document.getElementById(fieldId) as HTMLTextAreaElement | null;
    if (!field) return;
    const selected = field.value.slice(field.selectionStart, field.selectionEnd);
    field.focus();
    document.execCommand('insertText', false, wrap(selected));
  };
  return (
    <div className="html-toolbar" role="toolbar" aria-label="Format the email">
      {actions.map((action) => (
        <button
          key={action.label}
          type="button"
          className="button button--small"
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => apply(action.wrap)}
        >
          {action.label}
        </button>
      ))}
    </div>
  );
}
