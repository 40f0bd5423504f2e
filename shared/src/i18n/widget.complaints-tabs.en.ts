/** The widget's tab labels (loaded with the chat; the rest of the complaint strings load with the tab). */
export const complaintTabsEn = {
  tabsLabel: 'Sections',
  chat: 'Chat',
  complaint: 'Complaint',
  mine: 'My complaints',
  help: 'Help',
} as const;

export type TComplaintTabsCatalog = Record<keyof typeof complaintTabsEn, string>;
