/** The widget session the chat files are fetched and uploaded with (kept in the first-open chunk, tiny). */
export type TAttachmentAuth = { siteKey: string; hostOrigin: string; visitorToken: string };
let auth: TAttachmentAuth | null = null;
export const setAttachmentAuth = (a: TAttachmentAuth) => {
  auth = a;
};
export const attachmentAuth = () => auth;
