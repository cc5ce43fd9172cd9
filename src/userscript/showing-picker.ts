// The part picker showing in each document, so that Settings opened meanwhile closes it first, as Escape would:
// both take the keys, and the dialog would cover the page the reader is picking on.

interface Showing {
  cancel(): void;
}

const showing = new WeakMap<Document, Showing>();

/** `picker` shows in `doc` until it closes (its onClose calls pickerClosed). */
export function pickerShowing(doc: Document, picker: Showing): void {
  showing.set(doc, picker);
}

export function pickerClosed(doc: Document): void {
  showing.delete(doc);
}

/** Closes the picker showing in `doc`, if any, as Escape would. */
export function closePickerIn(doc: Document): void {
  const picker = showing.get(doc);
  showing.delete(doc);
  picker?.cancel();
}
