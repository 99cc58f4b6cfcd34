// The demo shop's post-purchase survey (examples/demo/site-config.template.json)
// as SurveyJS JSON: an NPS scale 0-10 with end labels, required, and an
// optional text answer. displayMode 'buttons': eleven buttons, as Tessera
// shows them (SurveyJS would switch to a dropdown when they do not fit).
/* global Survey, SurveyUI */
const survey = new Survey.Model({
  title: 'How did we do?',
  pages: [{
    name: 'score',
    elements: [
      { type: 'rating', name: 'nps', isRequired: true, rateMin: 0, rateMax: 10, displayMode: 'buttons',
        title: 'How likely are you to recommend Tessera Outfitters to a friend?',
        minRateDescription: 'Not at all likely', maxRateDescription: 'Extremely likely' },
      { type: 'comment', name: 'reason', maxLength: 500,
        title: 'What is the main reason for your score?' },
    ],
  }],
  completedHtml: 'Thank you! Your answer helps us improve.',
});
SurveyUI.renderSurvey(survey, document.getElementById('survey'));
