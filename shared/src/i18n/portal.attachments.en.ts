/** Chat attachment strings of the portal (composer, message bubbles), English. */
export const portalAttachmentsEn = {
  'att.attach': 'Attach file',
  'att.uploading': 'Uploading {name}…',
  'att.remove': 'Remove {name}',
  'att.open': 'Open image {name}',
  'att.download': 'Download {name} ({size})',
  'att.tooLarge': '{name} is too large.',
  'att.badType': '{name} cannot be sent: use an image, a PDF or a Word/Excel document.',
  'att.failed': '{name} could not be uploaded.',
} as const;

export type TPortalAttachmentsKey = keyof typeof portalAttachmentsEn;
