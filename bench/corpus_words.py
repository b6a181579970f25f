"""The words, names and places the benchmark corpus is drawn from (bench/make_corpus.py)."""

from __future__ import annotations


def wordlist(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST = wordlist(
    "Graham Lizzie Niccola Mandy Cristina Rob Karen Laura Ian Simon Sarah Amira Ben Chloe "
    "Dev Ella Femi Grace Hassan Isla Jamal Kofi Leah Maya Nadia Owen Priya Quinn Rosa Sam "
    "Tariq Uma Victor Wendy Yusuf Zara Aled Bronwen Ciaran Deepa Eilidh Farah Gareth Hana"
)
LAST = wordlist(
    "Hart Cain Rudczenko Serrao Horne Groot Crane Cream Needleman Denegri Welsher Okafor "
    "Patel Evans Byrne Campbell Davies Fraser Gill Hughes Iqbal Jones Khan Lewis Morgan "
    "Nowak Osei Price Quinn Reid Shah Thomas Usman Vaughan Walsh Young Zhang Ahmed Bell"
)
ORGS = (
    "Co-Production Collective",
    "UCL",
    "NHS England",
    "National Voices",
    "The Health Foundation",
    "UCLH Biomedical Research Centre",
    "Camden Council",
    "London School of Hygiene and Tropical Medicine",
    "Mind",
    "Healthwatch Camden",
    "NIHR",
    "Islington Council",
    "Wellcome",
)
PERSON_ROLES = (
    "Co-producer",
    "Director",
    "Ally",
    "Co-ordinator",
    "Researcher",
    "Community Manager",
    "Engagement Lead",
    "Trustee",
)
GROUP_THEMES = (
    "Allies",
    "Members",
    "Research",
    "Training",
    "Finance",
    "Community",
    "Evaluation",
    "Digital",
    "Health",
    "Youth",
    "Housing",
    "Mental Health",
    "Data",
    "Ethics",
    "Learning",
    "Partnerships",
    "Events",
    "Wellbeing",
    "Access",
    "Policy",
)
GROUP_KINDS = ("Group", "Panel", "Steering Group", "Advisory Board", "Working Group", "Forum")
MEMBER_ROLES = ("chair", "member", "member", "member", "co-producer", "staff", "secretary")
OUR_ROLES = (
    "co-production partner",
    "learning partner",
    "facilitator",
    "co-evaluator",
    "trainer",
    "advisor",
)
SECTORS = ("health", "social care", "education", "local government", "research", "housing")
PLACES = (
    "UCL Bloomsbury, London",
    "Camden Town Hall, London",
    "Birmingham Library",
    "Manchester Central Library",
    "Leeds Civic Hall",
    "Bristol Hub",
)
AGENDA = (
    "Welcome and introductions",
    "Updates",
    "Funding",
    "Membership",
    "Current projects",
    "Our direction",
    "Opportunities for co-producers",
    "Any other business",
    "Finance report",
    "Reflection, check and challenge",
    "Communications",
    "Training",
)
LINK_HOSTS = (
    "https://www.coproductioncollective.co.uk/news",
    "https://www.ucl.ac.uk/research",
    "https://www.nihr.ac.uk/documents",
    "https://www.england.nhs.uk/engagement",
    "https://www.nationalvoices.org.uk/publications",
    "https://www.health.org.uk/reports",
)
WORDS = wordlist(
    "co-production collective research people lived experience skills public members "
    "partners health service community involvement funding transparency inclusive human "
    "challenging values meeting group action agreed approach document offer guide staff "
    "funders costed application strategy consultation background information network "
    "provision governance relationship office faculty impact project training programme "
    "policy unit science engineering school medicine data patient principles evaluating "
    "council family changemakers learning improvement voices foundation hearing checks "
    "england delivery report progress direction halfway anniversary celebration recap blog "
    "marketing reflection check challenge online area approach relevant contacts introduce "
    "explore support share notes timeline budget review plan draft feedback session panel "
    "workshop paid payment time place access needs expenses selection transparent closing "
    "date update week month year team role together listen trust power equal voice change "
    "decision minutes agenda chair present apologies next steps resource toolkit website "
    "page online survey interview findings evidence goal outcome measure learning practice "
    "care local national university hospital charity volunteer commitment flexible open "
    "clear simple accessible easy read language format printed recording caption break "
    "lunch travel booked confirmed pending early late monthly quarterly annual renewal "
    "the a and of to in for with on by about from our their this that we they it is was "
    "will can should would could more most some many each every new other first last "
    "good better strong shared wider further key main current future past recent"
)
