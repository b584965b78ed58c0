"""Word lists for the synthetic corpus: names, places, services, metadata categories.

Hospitals and trusts are real public organisations (they are what reviews name); every person,
address, number and care home is synthetic.

>>> sum(len(v) for v in ICBS.values())
42
"""
from __future__ import annotations

#: the 42 Integrated Care Boards by NHS England region
ICBS: dict[str, tuple[str, ...]] = {
    "North East and Yorkshire": (
        "NHS North East and North Cumbria ICB", "NHS Humber and North Yorkshire ICB",
        "NHS South Yorkshire ICB", "NHS West Yorkshire ICB"),
    "North West": (
        "NHS Cheshire and Merseyside ICB", "NHS Greater Manchester ICB",
        "NHS Lancashire and South Cumbria ICB"),
    "Midlands": (
        "NHS Birmingham and Solihull ICB", "NHS Black Country ICB", "NHS Coventry and Warwickshire ICB",
        "NHS Derby and Derbyshire ICB", "NHS Herefordshire and Worcestershire ICB",
        "NHS Leicester, Leicestershire and Rutland ICB", "NHS Lincolnshire ICB",
        "NHS Northamptonshire ICB", "NHS Nottingham and Nottinghamshire ICB",
        "NHS Shropshire, Telford and Wrekin ICB", "NHS Staffordshire and Stoke-on-Trent ICB"),
    "East of England": (
        "NHS Bedfordshire, Luton and Milton Keynes ICB", "NHS Cambridgeshire and Peterborough ICB",
        "NHS Hertfordshire and West Essex ICB", "NHS Mid and South Essex ICB",
        "NHS Norfolk and Waveney ICB", "NHS Suffolk and North East Essex ICB"),
    "London": (
        "NHS North Central London ICB", "NHS North East London ICB", "NHS North West London ICB",
        "NHS South East London ICB", "NHS South West London ICB"),
    "South East": (
        "NHS Buckinghamshire, Oxfordshire and Berkshire West ICB", "NHS Frimley ICB",
        "NHS Hampshire and Isle of Wight ICB", "NHS Kent and Medway ICB", "NHS Surrey Heartlands ICB",
        "NHS Sussex ICB"),
    "South West": (
        "NHS Bath and North East Somerset, Swindon and Wiltshire ICB",
        "NHS Bristol, North Somerset and South Gloucestershire ICB",
        "NHS Cornwall and the Isles of Scilly ICB", "NHS Devon ICB", "NHS Dorset ICB",
        "NHS Gloucestershire ICB", "NHS Somerset ICB"),
}

#: rough share of LeDeR notifications by region (population-weighted)
REGION_WEIGHTS: dict[str, float] = {
    "North East and Yorkshire": 0.17, "North West": 0.14, "Midlands": 0.19, "East of England": 0.12,
    "London": 0.12, "South East": 0.15, "South West": 0.11}

#: real towns by region
TOWNS: dict[str, tuple[str, ...]] = {
    "North East and Yorkshire": ("Gateshead", "Sunderland", "Durham", "Hartlepool", "Middlesbrough",
                                 "Harrogate", "Scarborough", "Doncaster", "Rotherham", "Barnsley",
                                 "Wakefield", "Huddersfield", "Halifax", "Keighley", "Bridlington"),
    "North West": ("Wigan", "Bolton", "Rochdale", "Oldham", "Stockport", "Warrington", "Birkenhead",
                   "St Helens", "Preston", "Blackburn", "Burnley", "Lancaster", "Kendal", "Crewe"),
    "Midlands": ("Wigston", "Loughborough", "Hinckley", "Melton Mowbray", "Ilkeston", "Chesterfield",
                 "Mansfield", "Newark", "Kettering", "Corby", "Nuneaton", "Redditch", "Telford",
                 "Shrewsbury", "Tamworth", "Walsall", "Dudley", "Boston", "Grantham"),
    "East of England": ("Luton", "Bedford", "Peterborough", "Wisbech", "Stevenage", "Harlow",
                        "Basildon", "Chelmsford", "King's Lynn", "Great Yarmouth", "Lowestoft",
                        "Ipswich", "Colchester", "Bury St Edmunds"),
    "London": ("Enfield", "Tottenham", "Walthamstow", "Ilford", "Romford", "Harrow", "Ealing",
               "Hounslow", "Lewisham", "Croydon", "Sutton", "Kingston upon Thames", "Bexleyheath"),
    "South East": ("Banbury", "Reading", "Aylesbury", "Farnborough", "Basingstoke", "Portsmouth",
                   "Newport", "Maidstone", "Margate", "Ashford", "Guildford", "Crawley", "Hastings",
                   "Worthing"),
    "South West": ("Swindon", "Trowbridge", "Weston-super-Mare", "Yate", "Truro", "Camborne",
                   "Barnstaple", "Torquay", "Exmouth", "Weymouth", "Poole", "Cheltenham", "Stroud",
                   "Taunton", "Yeovil"),
}

#: postcode areas by region
POSTCODE_AREAS: dict[str, tuple[str, ...]] = {
    "North East and Yorkshire": ("NE", "SR", "DH", "TS", "HG", "YO", "DN", "S", "WF", "HD", "HX", "BD", "LS"),
    "North West": ("WN", "BL", "OL", "SK", "WA", "CH", "PR", "BB", "LA", "CW", "M", "L"),
    "Midlands": ("LE", "DE", "NG", "NN", "CV", "B", "WS", "DY", "WV", "TF", "SY", "ST", "LN", "PE"),
    "East of England": ("LU", "MK", "PE", "CB", "SG", "CM", "SS", "NR", "IP", "CO"),
    "London": ("N", "E", "SE", "SW", "W", "NW", "EN", "IG", "RM", "HA", "CR", "SM", "KT", "DA"),
    "South East": ("OX", "RG", "HP", "GU", "PO", "SO", "ME", "CT", "TN", "RH", "BN"),
    "South West": ("SN", "BA", "BS", "TR", "PL", "EX", "TQ", "DT", "BH", "GL", "TA"),
}

#: (hospital, trust) pairs by region
HOSPITALS: dict[str, tuple[tuple[str, str], ...]] = {
    "North East and Yorkshire": (
        ("Royal Victoria Infirmary", "The Newcastle upon Tyne Hospitals NHS Foundation Trust"),
        ("Sunderland Royal Hospital", "South Tyneside and Sunderland NHS Foundation Trust"),
        ("James Cook University Hospital", "South Tees Hospitals NHS Foundation Trust"),
        ("Leeds General Infirmary", "Leeds Teaching Hospitals NHS Trust"),
        ("St James's University Hospital", "Leeds Teaching Hospitals NHS Trust"),
        ("Northern General Hospital", "Sheffield Teaching Hospitals NHS Foundation Trust"),
        ("Hull Royal Infirmary", "Hull University Teaching Hospitals NHS Trust"),
        ("Doncaster Royal Infirmary", "Doncaster and Bassetlaw Teaching Hospitals NHS Foundation Trust")),
    "North West": (
        ("Manchester Royal Infirmary", "Manchester University NHS Foundation Trust"),
        ("Royal Preston Hospital", "Lancashire Teaching Hospitals NHS Foundation Trust"),
        ("Aintree University Hospital", "Liverpool University Hospitals NHS Foundation Trust"),
        ("Salford Royal Hospital", "Northern Care Alliance NHS Foundation Trust"),
        ("Royal Blackburn Hospital", "East Lancashire Hospitals NHS Trust"),
        ("Warrington Hospital", "Warrington and Halton Teaching Hospitals NHS Foundation Trust")),
    "Midlands": (
        ("Leicester Royal Infirmary", "University Hospitals of Leicester NHS Trust"),
        ("Glenfield Hospital", "University Hospitals of Leicester NHS Trust"),
        ("Royal Derby Hospital", "University Hospitals of Derby and Burton NHS Foundation Trust"),
        ("Queen's Medical Centre", "Nottingham University Hospitals NHS Trust"),
        ("Royal Stoke University Hospital", "University Hospitals of North Midlands NHS Trust"),
        ("Queen Elizabeth Hospital Birmingham", "University Hospitals Birmingham NHS Foundation Trust"),
        ("New Cross Hospital", "The Royal Wolverhampton NHS Trust"),
        ("Lincoln County Hospital", "United Lincolnshire Hospitals NHS Trust"),
        ("Kettering General Hospital", "Kettering General Hospital NHS Foundation Trust")),
    "East of England": (
        ("Addenbrooke's Hospital", "Cambridge University Hospitals NHS Foundation Trust"),
        ("Norfolk and Norwich University Hospital", "Norfolk and Norwich University Hospitals NHS Foundation Trust"),
        ("Ipswich Hospital", "East Suffolk and North Essex NHS Foundation Trust"),
        ("Peterborough City Hospital", "North West Anglia NHS Foundation Trust"),
        ("Luton and Dunstable University Hospital", "Bedfordshire Hospitals NHS Foundation Trust"),
        ("Broomfield Hospital", "Mid and South Essex NHS Foundation Trust")),
    "London": (
        ("St Mary's Hospital", "Imperial College Healthcare NHS Trust"),
        ("Royal London Hospital", "Barts Health NHS Trust"),
        ("Whipps Cross Hospital", "Barts Health NHS Trust"),
        ("King's College Hospital", "King's College Hospital NHS Foundation Trust"),
        ("St Thomas' Hospital", "Guy's and St Thomas' NHS Foundation Trust"),
        ("Northwick Park Hospital", "London North West University Healthcare NHS Trust"),
        ("North Middlesex University Hospital", "North Middlesex University Hospital NHS Trust"),
        ("Croydon University Hospital", "Croydon Health Services NHS Trust")),
    "South East": (
        ("John Radcliffe Hospital", "Oxford University Hospitals NHS Foundation Trust"),
        ("Royal Berkshire Hospital", "Royal Berkshire NHS Foundation Trust"),
        ("Queen Alexandra Hospital", "Portsmouth Hospitals University NHS Trust"),
        ("Royal Sussex County Hospital", "University Hospitals Sussex NHS Foundation Trust"),
        ("Maidstone Hospital", "Maidstone and Tunbridge Wells NHS Trust"),
        ("Frimley Park Hospital", "Frimley Health NHS Foundation Trust"),
        ("Stoke Mandeville Hospital", "Buckinghamshire Healthcare NHS Trust")),
    "South West": (
        ("Southmead Hospital", "North Bristol NHS Trust"),
        ("Derriford Hospital", "University Hospitals Plymouth NHS Trust"),
        ("Royal Devon and Exeter Hospital", "Royal Devon University Healthcare NHS Foundation Trust"),
        ("Royal Cornwall Hospital", "Royal Cornwall Hospitals NHS Trust"),
        ("Musgrove Park Hospital", "Somerset NHS Foundation Trust"),
        ("Great Western Hospital", "Great Western Hospitals NHS Foundation Trust"),
        ("Gloucestershire Royal Hospital", "Gloucestershire Hospitals NHS Foundation Trust")),
}

#: community / mental-health trusts by region
COMMUNITY_TRUSTS: dict[str, tuple[str, ...]] = {
    "North East and Yorkshire": ("Cumbria, Northumberland, Tyne and Wear NHS Foundation Trust",
                                 "Tees, Esk and Wear Valleys NHS Foundation Trust",
                                 "Leeds and York Partnership NHS Foundation Trust"),
    "North West": ("Mersey Care NHS Foundation Trust", "Pennine Care NHS Foundation Trust",
                   "Lancashire and South Cumbria NHS Foundation Trust"),
    "Midlands": ("Leicestershire Partnership NHS Trust", "Derbyshire Healthcare NHS Foundation Trust",
                 "Nottinghamshire Healthcare NHS Foundation Trust",
                 "Birmingham Community Healthcare NHS Foundation Trust"),
    "East of England": ("Hertfordshire Partnership University NHS Foundation Trust",
                        "Norfolk Community Health and Care NHS Trust", "Essex Partnership University NHS Foundation Trust"),
    "London": ("Camden and Islington NHS Foundation Trust", "Oxleas NHS Foundation Trust",
               "South London and Maudsley NHS Foundation Trust", "East London NHS Foundation Trust"),
    "South East": ("Oxford Health NHS Foundation Trust", "Sussex Partnership NHS Foundation Trust",
                   "Kent Community Health NHS Foundation Trust", "Southern Health NHS Foundation Trust"),
    "South West": ("Avon and Wiltshire Mental Health Partnership NHS Trust",
                   "Devon Partnership NHS Trust", "Cornwall Partnership NHS Foundation Trust"),
}

#: local authorities by region (named when a safeguarding concern or Care Act assessment is mentioned)
COUNCILS: dict[str, tuple[str, ...]] = {
    "North East and Yorkshire": ("Gateshead Council", "Sunderland City Council", "Doncaster Council",
                                 "Kirklees Council", "North Yorkshire Council"),
    "North West": ("Wigan Council", "Bolton Council", "Lancashire County Council", "Cheshire East Council"),
    "Midlands": ("Leicestershire County Council", "Derbyshire County Council", "Nottinghamshire County Council",
                 "Walsall Council", "Lincolnshire County Council"),
    "East of England": ("Luton Borough Council", "Essex County Council", "Norfolk County Council",
                        "Suffolk County Council"),
    "London": ("London Borough of Enfield", "London Borough of Waltham Forest", "Croydon Council",
               "London Borough of Harrow"),
    "South East": ("Kent County Council", "Hampshire County Council", "Surrey County Council",
                   "Oxfordshire County Council"),
    "South West": ("Wiltshire Council", "Cornwall Council", "Devon County Council", "Somerset Council"),
}

HOSPICES = ("St Francis Hospice", "St Luke's Hospice", "Willow Wood Hospice", "St Catherine's Hospice",
            "Rowans Hospice", "St Michael's Hospice", "Marie Curie Hospice", "Garden House Hospice",
            "St Giles Hospice", "Butterwick Hospice")

CARE_HOME_TREES = ("Oak", "Elm", "Ash", "Beech", "Maple", "Birch", "Cherry", "Rowan", "Hazel", "Willow",
                   "Holly", "Cedar", "Larch", "Hawthorn", "Chestnut", "Lime", "Yew", "Poplar")
CARE_HOME_SUFFIX = ("field", "wood", "dene", "croft", "lea", "mead", "bank", "hurst", "brook", "ley", "gate")
CARE_HOME_KIND = ("Lodge", "House", "Court", "Grange", "Manor", "View", "Gardens", "Hall")
CARE_HOME_PLURAL = ("The Willows", "The Laurels", "The Beeches", "The Poplars", "The Elms", "The Cedars",
                    "The Hollies", "The Limes", "The Firs", "The Maples", "The Orchards", "The Paddocks",
                    "The Meadows", "The Sycamores", "The Gables", "The Spinney", "The Hawthorns")
CARE_HOME_NAMED = ("Vancouver House", "Ashby House", "Brook House", "Rosemary Lodge", "Primrose Cottage",
                   "Sunnyside", "Fairview", "Meadowview Care Home", "Bramley House", "Kingfisher Lodge",
                   "Heron Court", "Lavender House", "Bluebell Lodge", "Foxglove House", "Riverside House",
                   "Highfield House", "Mayfield Care Home", "Parkside Lodge", "St Anne's Care Home",
                   "St Bernard's Nursing Home", "Harbour View", "Windmill House")

PROVIDER_WORDS = (("Bright", "Path"), ("Open", "Doors"), ("Silver", "Birch"), ("Hand", "in Hand"),
                  ("Step", "Forward"), ("Kind", "Hearts"), ("New", "Horizons"), ("Evergreen", "Care"),
                  ("Compass", "Living"), ("Harbour", "Support"), ("Keystone", "Living"), ("Lighthouse", "Care"))
PROVIDER_SUFFIX = ("Support Ltd", "Care Ltd", "Support Services", "Supported Living", "Community Care", "Ltd")

GP_SUFFIX = ("Medical Centre", "Surgery", "Health Centre", "Medical Practice", "Family Practice",
             "Group Practice")
GP_PREFIX = ("Park", "Church", "Market", "Station", "Victoria", "Riverside", "Brookside", "Castle",
             "Abbey", "Hillside", "Meadow", "Springfield", "Northgate", "Westgate", "Oakwood", "Greenbank",
             "Valley", "Bridge", "Orchard", "Kingsway")

STREET_KINDS = ("Road", "Street", "Lane", "Close", "Avenue", "Drive", "Crescent", "Way", "Gardens",
                "Grove", "Terrace", "Walk", "Place", "Court", "Rise", "View")
STREET_COMMON = ("Mill Lane", "Church Street", "Station Road", "High Street", "Victoria Road", "Park Road",
                 "Green Lane", "Manor Road", "Church Lane", "School Lane", "The Crescent", "Queens Road",
                 "North Street", "Albert Road", "Main Street", "Kings Road", "New Road", "Grange Road",
                 "Springfield Road", "Chapel Street", "Westfield Avenue", "Orchard Close")

#: surnames that would collide with confounders (eponyms, training names)
SURNAME_STOPLIST = frozenset({"Parkinson", "Down", "Downs", "Crohn", "Alzheimer", "Angelman", "McGowan",
                              "Care", "Salt", "Restore", "Stomp", "Respect", "Nurse", "Sister", "Doctor"})

IRISH_FIRST_M = ("Ciaran", "Declan", "Padraig", "Sean", "Eoin", "Niall", "Cormac", "Liam", "Oisin", "Fergal")
IRISH_FIRST_F = ("Siobhan", "Niamh", "Aoife", "Roisin", "Grainne", "Orla", "Caoimhe", "Sinead", "Mairead")
IRISH_LAST = ("O'Brien", "O'Sullivan", "Murphy", "Kelly", "McCarthy", "Byrne", "Doherty", "Gallagher",
              "O'Neill", "Brennan", "Fitzgerald", "Quinn", "O'Connor", "Flanagan", "Walsh")
POLISH_FIRST_M = ("Piotr", "Tomasz", "Krzysztof", "Marek", "Łukasz", "Paweł", "Jakub", "Michał", "Wojciech")
POLISH_FIRST_F = ("Agnieszka", "Katarzyna", "Magdalena", "Joanna", "Małgorzata", "Ewa", "Zofia", "Aleksandra")
POLISH_LAST = ("Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński",
               "Szymański", "Dąbrowski", "Kozłowski", "Mazur", "Krawczyk")
SOUTH_ASIAN_FIRST_M = ("Rajesh", "Sanjay", "Imran", "Mohammed", "Amir", "Arjun", "Vikram", "Tariq",
                       "Farhan", "Harjit", "Gurpreet", "Sunil", "Kamran", "Bilal", "Ravi", "Asif", "Zubair")
SOUTH_ASIAN_FIRST_F = ("Priya", "Anjali", "Sunita", "Aisha", "Fatima", "Nusrat", "Shabana", "Harpreet",
                       "Zainab", "Meera", "Kiran", "Rukhsana", "Parveen", "Jasvinder", "Sabina", "Nazia")
SOUTH_ASIAN_LAST = ("Patel", "Shah", "Khan", "Hussain", "Ahmed", "Singh", "Kaur", "Begum", "Chaudhry",
                    "Iqbal", "Mistry", "Sharma", "Rahman", "Ali", "Akhtar", "Gill", "Sandhu", "Mahmood",
                    "Chowdhury", "Uddin", "Parmar", "Joshi")
BLACK_FIRST_M = ("Chidi", "Oluwaseun", "Adebayo", "Kwame", "Kofi", "Femi", "Tunde", "Marcus", "Delroy",
                 "Winston", "Jermaine", "Tyrone", "Emeka", "Kwabena", "Leroy", "Desmond", "Abdi")
BLACK_FIRST_F = ("Ngozi", "Amara", "Abena", "Blessing", "Precious", "Shanice", "Chiamaka", "Folake",
                 "Marcia", "Jacqueline", "Esi", "Adwoa", "Yetunde", "Hodan", "Simone")
BLACK_LAST = ("Okafor", "Adeyemi", "Mensah", "Okoye", "Boateng", "Asante", "Campbell", "Francis",
              "Baptiste", "Nwosu", "Babatunde", "Owusu", "Adebayo", "Clarke", "Grant", "Williams",
              "Osei", "Mohamed", "Ogunleye", "Henry")
CHINESE_FIRST_M = ("Wei", "Jun", "Hao", "Ming", "Kai")
CHINESE_FIRST_F = ("Mei", "Ling", "Xin", "Yan", "Hui")
CHINESE_LAST = ("Chen", "Wong", "Li", "Zhang", "Lam", "Cheung", "Liu", "Ho")
ARAB_FIRST_M = ("Omar", "Yusuf", "Khalid", "Hassan", "Ahmad")
ARAB_FIRST_F = ("Layla", "Mariam", "Noor", "Huda", "Amal")
ARAB_LAST = ("Haddad", "Mansour", "Al-Sayed", "Nasser", "Saleh", "Abdullah")

NICKNAMES = {"William": "Billy", "Robert": "Bobby", "Thomas": "Tommy", "James": "Jimmy", "Michael": "Mikey",
             "Margaret": "Maggie", "Elizabeth": "Lizzie", "Christopher": "Chris", "Patricia": "Trish",
             "Susan": "Sue", "Joseph": "Joe", "Anthony": "Tony", "Richard": "Richie", "Catherine": "Cathy",
             "Jennifer": "Jenny", "Daniel": "Danny", "Kenneth": "Kenny", "Rebecca": "Becky",
             "Deborah": "Debbie", "Stephen": "Steve", "Peter": "Pete", "David": "Davey", "Andrew": "Andy",
             "Samuel": "Sammy", "Timothy": "Timmy", "Edward": "Eddie", "Frederick": "Freddie",
             "Katherine": "Kate", "Victoria": "Vicky", "Jacqueline": "Jackie", "Rajesh": "Raj",
             "Mohammed": "Mo", "Oluwaseun": "Seun", "Christine": "Chrissie", "Gary": "Gaz",
             "Barry": "Baz", "Nicholas": "Nick", "Jonathan": "Jon", "Alexander": "Alex",
             "Benjamin": "Ben", "Matthew": "Matty", "Ronald": "Ronnie", "Donald": "Donny", "Leonard": "Lenny"}
GENERIC_NICKNAMES = ("Sunny", "Buddy", "Smiler", "Sparky", "Chuckles", "Duke", "Princess", "Dolly")

#: ONS 2021 ethnic group categories with approximate shares among LeDeR notifications
ETHNIC_GROUPS: tuple[tuple[str, float, str], ...] = (
    ("White: English, Welsh, Scottish, Northern Irish or British", 0.78, "british"),
    ("White: Irish", 0.012, "irish"),
    ("White: Other White", 0.025, "polish"),
    ("Mixed: White and Black Caribbean", 0.008, "black"),
    ("Mixed: White and Asian", 0.005, "british"),
    ("Mixed: Other Mixed", 0.005, "british"),
    ("Asian or Asian British: Indian", 0.025, "south_asian"),
    ("Asian or Asian British: Pakistani", 0.03, "south_asian"),
    ("Asian or Asian British: Bangladeshi", 0.012, "south_asian"),
    ("Asian or Asian British: Chinese", 0.004, "chinese"),
    ("Asian or Asian British: Other Asian", 0.006, "south_asian"),
    ("Black or Black British: African", 0.022, "black"),
    ("Black or Black British: Caribbean", 0.018, "black"),
    ("Black or Black British: Other Black", 0.004, "black"),
    ("Other ethnic group: Arab", 0.003, "arab"),
    ("Other ethnic group: Any other ethnic group", 0.004, "british"),
    ("Not stated", 0.017, "british"),
)

#: short phrase used in the pen portrait for each ethnic group
ETHNIC_PHRASE = {
    "White: English, Welsh, Scottish, Northern Irish or British": "White British",
    "White: Irish": "White Irish", "White: Other White": "White Polish",
    "Mixed: White and Black Caribbean": "mixed White and Black Caribbean",
    "Mixed: White and Asian": "mixed White and Asian", "Mixed: Other Mixed": "mixed heritage",
    "Asian or Asian British: Indian": "British Indian", "Asian or Asian British: Pakistani": "British Pakistani",
    "Asian or Asian British: Bangladeshi": "British Bangladeshi", "Asian or Asian British: Chinese": "British Chinese",
    "Asian or Asian British: Other Asian": "Asian British", "Black or Black British: African": "Black African",
    "Black or Black British: Caribbean": "Black Caribbean", "Black or Black British: Other Black": "Black British",
    "Other ethnic group: Arab": "Arab", "Other ethnic group: Any other ethnic group": "",
    "Not stated": "",
}

LIKES = ("music, especially sixties pop and musicals", "going to the pub for a shandy", "bus rides into town",
         "swimming on a Tuesday", "watching the football on the television", "colouring and jigsaws",
         "cartoons and musicals", "dancing at the Friday disco", "feeding the ducks in the park", "his iPad and music videos",
         "sensory lights and bubbles", "trampolining", "going to church on Sundays", "gardening",
         "trains and timetables", "cooking with staff", "bingo", "her dolls and soft toys",
         "country walks", "fishing with his dad", "karaoke", "Bollywood films", "steel pan music",
         "collecting bus tickets", "baking cakes", "car boot sales", "horse riding", "the seaside",
         "spending time in the sensory garden", "listening to gospel music", "word searches")

COMMUNICATION = ("used Makaton and a few single words", "communicated through facial expressions, sounds and "
                 "gestures", "was verbal and chatty, although {he} found it hard to understand complex "
                 "information", "used an iPad with a communication app", "used objects of reference and "
                 "pictures", "spoke in short sentences and needed time to process what was said",
                 "did not use words; staff who knew {him} well could tell how {he} felt from {his} "
                 "vocalisations", "used British Sign Language and some Makaton",
                 "understood more than {he} could say and liked information in easy read")

__all__ = [n for n in dir() if n.isupper()]
