/** Chat attachment strings for the widget (composer button, file bubbles), English. */
export const attachmentsEn = {
  uploading: 'Uploading {name}…',
  tooLarge: 'This file is too large.',
  badType: 'This kind of file cannot be sent: use an image, a PDF or a Word/Excel document.',
  failed: 'The file could not be sent. Please try again.',
  openImage: 'Open image {name}',
  download: 'Download {name} ({size})',
};
export type TAttachmentsCatalog = typeof attachmentsEn;
