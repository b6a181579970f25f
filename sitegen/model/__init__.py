"""The content model: one frozen dataclass per collection, which is also its schema.

Every front-matter field is declared with :func:`~sitegen.schema.spec`, so the
field's type, whether it is required and what it means live in one place.
Nothing here reads files.
"""

from sitegen.model.base import (
    ActionStatus,
    Change,
    Document,
    GoalStatus,
    GroupStatus,
    LocationMode,
    MinutesStatus,
    PageListing,
    PayPeriod,
    ProjectRole,
    ProjectStatus,
    Source,
    Visibility,
    is_slug,
)
from sitegen.model.meetings import (
    Action,
    ActionUpdate,
    Meeting,
    NextMeeting,
    decision_key,
)
from sitegen.model.records import (
    Goal,
    Group,
    Membership,
    NewsPost,
    Opportunity,
    OpportunityLocation,
    Outcome,
    Page,
    Payment,
    Person,
    Project,
    Report,
)
from sitegen.model.site import (
    COLLECTION_BY_NAME,
    COLLECTIONS,
    Collection,
    LeftOut,
    Site,
    SiteSettings,
)

__all__ = [
    "COLLECTIONS",
    "COLLECTION_BY_NAME",
    "Action",
    "ActionStatus",
    "ActionUpdate",
    "Change",
    "Collection",
    "Document",
    "Goal",
    "GoalStatus",
    "Group",
    "GroupStatus",
    "LeftOut",
    "LocationMode",
    "Meeting",
    "Membership",
    "MinutesStatus",
    "NewsPost",
    "NextMeeting",
    "Opportunity",
    "OpportunityLocation",
    "Outcome",
    "Page",
    "PageListing",
    "PayPeriod",
    "Payment",
    "Person",
    "Project",
    "ProjectRole",
    "ProjectStatus",
    "Report",
    "Site",
    "SiteSettings",
    "Source",
    "Visibility",
    "decision_key",
    "is_slug",
]
