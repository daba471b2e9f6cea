"""Where the questionnaire sends the visitor: plain Python over a draft.

Which questions are asked is data on each question (questions.py).
"""

from catalog.rules.answers import Draft, Errors
from catalog.rules.questions import QUESTIONS, Question, applicable_questions, is_answered
from catalog.snapshot import Notice


def first_problem(draft: Draft, errors: Errors, notice: Notice) -> Question | None:
    """The first question, in the visitor's order, that is unanswered or wrongly answered."""
    for question in applicable_questions(draft, notice):
        if question.key in errors or not is_answered(question, draft):
            return question
    return next((question for question in QUESTIONS if question.key in errors), None)
