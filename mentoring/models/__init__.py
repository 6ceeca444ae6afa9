"""The mentoring app's models.

- ``people``: municipalities, organisations, mentor profiles, awards and the honour board;
- ``programmes``: programmes with their stages and organisations, the deficit taxonomy,
  mentee requests and the mentor pool;
- ``pairs``: pairs and groups, their development plans, self-assessments, diaries,
  comments and results;
- ``surveys``: feedback surveys and their responses;
- ``audit``: the log of personal-data exports.
"""

from mentoring.models.audit import ExportLog
from mentoring.models.pairs import (
    Comment,
    DevelopmentPlan,
    DiaryEntry,
    Goal,
    Pair,
    PairMembership,
    PairQuerySet,
    PairResult,
    PairState,
    SelfAssessment,
    SelfAssessmentMoment,
    Task,
    TaskStatus,
)
from mentoring.models.people import (
    EARLIEST_YEAR,
    Award,
    AwardLevel,
    AwardQuerySet,
    HonourBoardPage,
    MentorProfile,
    MentorProfileQuerySet,
    Municipality,
    Organisation,
    current_year,
    validate_not_future_year,
)
from mentoring.models.programmes import (
    InteractionFormat,
    MenteeRequest,
    MentorPoolEntry,
    ProfessionalDeficit,
    Programme,
    ProgrammeLevel,
    ProgrammeOrganisation,
    ProgrammeStage,
    StageKind,
)
from mentoring.models.surveys import (
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyMoment,
    SurveyQuestion,
    SurveyResponse,
)

__all__ = [
    "EARLIEST_YEAR",
    "Award",
    "AwardLevel",
    "AwardQuerySet",
    "Comment",
    "DevelopmentPlan",
    "DiaryEntry",
    "ExportLog",
    "Goal",
    "HonourBoardPage",
    "InteractionFormat",
    "MenteeRequest",
    "MentorPoolEntry",
    "MentorProfile",
    "MentorProfileQuerySet",
    "Municipality",
    "Organisation",
    "Pair",
    "PairMembership",
    "PairQuerySet",
    "PairResult",
    "PairState",
    "ProfessionalDeficit",
    "Programme",
    "ProgrammeLevel",
    "ProgrammeOrganisation",
    "ProgrammeStage",
    "QuestionKind",
    "SelfAssessment",
    "SelfAssessmentMoment",
    "StageKind",
    "Survey",
    "SurveyAnswer",
    "SurveyMoment",
    "SurveyQuestion",
    "SurveyResponse",
    "Task",
    "TaskStatus",
    "current_year",
    "validate_not_future_year",
]
