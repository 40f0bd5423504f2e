/** Survey strings for customers (widget card and the /s/<token> page), English. */
export const surveysEn = {
  'survey.title': 'Rate this conversation',
  'survey.rating1': 'Very dissatisfied',
  'survey.rating2': 'Dissatisfied',
  'survey.rating3': 'Neutral',
  'survey.rating4': 'Satisfied',
  'survey.rating5': 'Very satisfied',
  'survey.ratingGroup': 'Your rating',
  'survey.comment': 'Comment (optional)',
  'survey.submit': 'Send rating',
  'survey.update': 'Update rating',
  'survey.sending': 'Sending…',
  'survey.thanks': 'Thank you for your feedback!',
  'survey.editUntil': 'You can change your answer until {time}.',
  'survey.change': 'Change my answer',
  'survey.closed': 'This survey can no longer be changed.',
  'survey.invalid': 'This survey link is not valid.',
  'survey.pickRating': 'Please choose a rating.',
  'survey.failed': 'Your rating could not be sent. Please try again.',
  'survey.dismiss': 'Not now',
} as const;
export type TSurveysKey = keyof typeof surveysEn;
export type TSurveysCatalog = { readonly [K in TSurveysKey]: string };
