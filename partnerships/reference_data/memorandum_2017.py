"""The Memorandum of Cooperation of 12 July 2017 as structured data.

Russian wording is the memorandum's own (memorandum-2017.ru.txt); the Kyrgyz and English
wording is the portal team's translation. Signatories' names and positions are as signed.
"""

import datetime

SLUG = "2017-gamsumo-urc"
SIGNED_ON = datetime.date(2017, 7, 12)
LANGUAGES = ["ky", "ru"]

TITLE = {
    "ru": (
        "Меморандум о сотрудничестве между Государственным агентством по делам местного "
        "самоуправления и межэтнических отношений при Правительстве Кыргызской Республики "
        "и Союзом российских городов"
    ),
    "ky": (
        "Кыргыз Республикасынын Өкмөтүнө караштуу Жергиликтүү өз алдынча башкаруу иштери жана "
        "этностор аралык мамилелер боюнча мамлекеттик агенттик менен Россия шаарларынын "
        "союзунун ортосундагы кызматташтык жөнүндө меморандум"
    ),
    "en": (
        "Memorandum of Cooperation between the State Agency for Local Self-Government and "
        "Interethnic Relations under the Government of the Kyrgyz Republic and the Union of "
        "Russian Cities"
    ),
}

SUBJECT = {
    "ru": (
        "Развитие общественной дипломатии, социальных, экономических и культурных связей между "
        "органами местного самоуправления Российской Федерации и Кыргызской Республики."
    ),
    "ky": (
        "Россия Федерациясынын жана Кыргыз Республикасынын жергиликтүү өз алдынча башкаруу "
        "органдарынын ортосундагы коомдук дипломатияны, социалдык, экономикалык жана маданий "
        "байланыштарды өнүктүрүү."
    ),
    "en": (
        "Developing public diplomacy and social, economic and cultural links between the local "
        "self-government bodies of the Russian Federation and the Kyrgyz Republic."
    ),
}

PLACE = {
    "ru": "г. Бишкек, Кыргызская Республика",
    "ky": "Бишкек ш., Кыргыз Республикасы",
    "en": "Bishkek, Kyrgyz Republic",
}

# (party code, name, position) as signed.
SIGNATORIES = (
    (
        "GAMSUMO",
        {
            "ru": "Салиев Бахтияр Усманович",
            "ky": "Салиев Бахтияр Усманович",
            "en": "Bakhtiyar Saliev",
        },
        {"ru": "Директор Агентства", "ky": "Агенттиктин директору", "en": "Director of the Agency"},
    ),
    (
        "URC",
        {
            "ru": "Мошаров Станислав Иванович",
            "ky": "Мошаров Станислав Иванович",
            "en": "Stanislav Mosharov",
        },
        {
            "ru": "Президент Союза российских городов",
            "ky": "Россия шаарларынын союзунун президенти",
            "en": "President of the Union of Russian Cities",
        },
    ),
)

# Goals (section 2): number, short name, text.
GOALS = (
    (
        "2.1",
        {
            "ru": "Развитие местного самоуправления",
            "ky": "Жергиликтүү өз алдынча башкарууну өнүктүрүү",
            "en": "Developing local self-government",
        },
        {
            "ru": "Развитие местного самоуправления, отстаивание его целей и интересов на "
            "международном уровне.",
            "ky": "Жергиликтүү өз алдынча башкарууну өнүктүрүү, анын максаттарын жана "
            "кызыкчылыктарын эл аралык деңгээлде коргоо.",
            "en": "Developing local self-government and defending its goals and interests at "
            "the international level.",
        },
    ),
    (
        "2.2",
        {
            "ru": "Представительство местных властей",
            "ky": "Жергиликтүү бийликтин өкүлчүлүгү",
            "en": "Representation of local authorities",
        },
        {
            "ru": "Обеспечение эффективного политического представительства местных органов "
            "власти в рамках международного сообщества.",
            "ky": "Жергиликтүү бийлик органдарынын эл аралык коомчулуктагы натыйжалуу саясий "
            "өкүлчүлүгүн камсыз кылуу.",
            "en": "Ensuring effective political representation of local authorities within the "
            "international community.",
        },
    ),
    (
        "2.3",
        {
            "ru": "Партнёрские и побратимские связи",
            "ky": "Өнөктөштүк жана бир туугандашуу байланыштары",
            "en": "Partnership and twinning links",
        },
        {
            "ru": "Развитие партнерских и побратимских связей как средства развития "
            "общественной дипломатии.",
            "ky": "Коомдук дипломатияны өнүктүрүүнүн каражаты катары өнөктөштүк жана бир "
            "туугандашуу байланыштарын өнүктүрүү.",
            "en": "Developing partnership and twinning links as a means of developing public "
            "diplomacy.",
        },
    ),
    (
        "2.4",
        {
            "ru": "Международное сотрудничество местных властей",
            "ky": "Жергиликтүү бийликтердин эл аралык кызматташтыгы",
            "en": "International cooperation of local authorities",
        },
        {
            "ru": "Обеспечение международного сотрудничества между местными органами власти "
            "Российской Федерации и Кыргызской Республики.",
            "ky": "Россия Федерациясынын жана Кыргыз Республикасынын жергиликтүү бийлик "
            "органдарынын ортосундагы эл аралык кызматташтыкты камсыз кылуу.",
            "en": "Ensuring international cooperation between the local authorities of the "
            "Russian Federation and the Kyrgyz Republic.",
        },
    ),
    (
        "2.5",
        {
            "ru": "Позиция по ключевым проблемам",
            "ky": "Негизги маселелер боюнча позиция",
            "en": "A position on key issues",
        },
        {
            "ru": "Развитие и продвижение позиции по ключевым и наиболее важным проблемам для "
            "местных органов власти и международного сообщества.",
            "ky": "Жергиликтүү бийлик органдары жана эл аралык коомчулук үчүн негизги жана эң "
            "маанилүү маселелер боюнча позицияны иштеп чыгуу жана илгерилетүү.",
            "en": "Developing and promoting a position on the key and most important issues for "
            "local authorities and the international community.",
        },
    ),
    (
        "2.6",
        {
            "ru": "Знания, технологии, вузы и культурный обмен",
            "ky": "Билим, технология, жогорку окуу жайлар жана маданий алмашуу",
            "en": "Knowledge, technology, universities and cultural exchange",
        },
        {
            "ru": "Повышение привлекательности и престижа органов местного самоуправления путем "
            "двустороннего продвижения знаний и технологий городов – членов организаций, "
            "привлечения к взаимному сотрудничеству учреждений высшего образования и "
            "активизации культурного обмена.",
            "ky": "Уюмдарга мүчө шаарлардын билимин жана технологияларын эки тараптуу "
            "илгерилетүү, жогорку окуу жайларын өз ара кызматташтыкка тартуу жана маданий "
            "алмашууну жандандыруу аркылуу жергиликтүү өз алдынча башкаруу органдарынын "
            "тартымдуулугун жана беделин жогорулатуу.",
            "en": "Raising the attractiveness and prestige of local self-government bodies "
            "through the two-way promotion of the knowledge and technologies of member cities, "
            "involving higher education institutions in mutual cooperation and intensifying "
            "cultural exchange.",
        },
    ),
    (
        "2.7",
        {
            "ru": "Образование и молодёжные обмены",
            "ky": "Билим берүү жана жаштар алмашуусу",
            "en": "Education and youth exchanges",
        },
        {
            "ru": "Стимулирование сферы образования и молодежной политики путем развития "
            "двусторонних молодежных обменов и проведения просветительской работы.",
            "ky": "Эки тараптуу жаштар алмашууларын өнүктүрүү жана агартуу иштерин жүргүзүү "
            "аркылуу билим берүү жана жаштар саясаты тармагын шыктандыруу.",
            "en": "Stimulating education and youth policy by developing two-way youth exchanges "
            "and educational outreach.",
        },
    ),
)

# Kinds of activity (section 3).
ACTIVITY_TYPES = (
    (
        "3.1",
        {
            "ru": "Консультации и сотрудничество с организациями",
            "ky": "Консультациялар жана уюмдар менен кызматташтык",
            "en": "Consultations and cooperation with organisations",
        },
        {
            "ru": "Совместно проводят (в соответствии с подписанными Меморандумами) необходимые "
            "консультации и сотрудничают с государственными и неправительственными "
            "организациями по вопросам развития и повышения эффективности связей между органами "
            "местного самоуправления.",
            "ky": "(Кол коюлган меморандумдарга ылайык) зарыл консультацияларды биргелешип "
            "өткөрүшөт жана жергиликтүү өз алдынча башкаруу органдарынын ортосундагы "
            "байланыштарды өнүктүрүү жана алардын натыйжалуулугун жогорулатуу маселелери боюнча "
            "мамлекеттик жана бейөкмөт уюмдар менен кызматташат.",
            "en": "Jointly hold the necessary consultations (in accordance with signed memoranda) "
            "and cooperate with governmental and non-governmental organisations on developing "
            "links between local self-government bodies and making them more effective.",
        },
    ),
    (
        "3.2",
        {
            "ru": "Содействие проектам",
            "ky": "Долбоорлорго көмөк",
            "en": "Support for projects",
        },
        {
            "ru": "Оказывают содействие органам местного самоуправления в реализации "
            "экономических, социальных, культурных, образовательных и иных проектов.",
            "ky": "Жергиликтүү өз алдынча башкаруу органдарына экономикалык, социалдык, маданий, "
            "билим берүү жана башка долбоорлорду ишке ашырууга көмөк көрсөтүшөт.",
            "en": "Assist local self-government bodies in implementing economic, social, "
            "cultural, educational and other projects.",
        },
    ),
    (
        "3.3",
        {
            "ru": "Обмен лучшими практиками",
            "ky": "Мыкты тажрыйба алмашуу",
            "en": "Exchange of best practices",
        },
        {
            "ru": "Организуют работу площадок для взаимного обмена опытом применения лучших "
            "практик между органами местного самоуправления Российской Федерации и Кыргызской "
            "Республики.",
            "ky": "Россия Федерациясынын жана Кыргыз Республикасынын жергиликтүү өз алдынча "
            "башкаруу органдарынын ортосунда мыкты тажрыйбаларды колдонуу боюнча өз ара тажрыйба "
            "алмашуу аянтчаларынын ишин уюштурушат.",
            "en": "Organise platforms for the mutual exchange of experience in applying best "
            "practices between the local self-government bodies of the Russian Federation and "
            "the Kyrgyz Republic.",
        },
    ),
    (
        "3.4",
        {
            "ru": "Внешнеэкономические связи и договоры",
            "ky": "Тышкы экономикалык байланыштар жана келишимдер",
            "en": "Foreign economic links and agreements",
        },
        {
            "ru": "Оказывают содействие органам местного самоуправления в установлении и "
            "развитии внешнеэкономических связей, заключении договоров о сотрудничестве с "
            "зарубежными партнёрами.",
            "ky": "Жергиликтүү өз алдынча башкаруу органдарына тышкы экономикалык байланыштарды "
            "түзүүгө жана өнүктүрүүгө, чет элдик өнөктөштөр менен кызматташтык жөнүндө "
            "келишимдерди түзүүгө көмөк көрсөтүшөт.",
            "en": "Assist local self-government bodies in establishing and developing foreign "
            "economic links and in concluding cooperation agreements with foreign partners.",
        },
    ),
    (
        "3.5",
        {
            "ru": "Исследования, круглые столы, семинары, конференции, делегации",
            "ky": "Изилдөөлөр, тегерек үстөлдөр, семинарлар, конференциялар, делегациялар",
            "en": "Research, round tables, seminars, conferences, delegations",
        },
        {
            "ru": "Организуют в сотрудничестве с международными и национальными объединениями "
            "местных властей совместные проекты по проведению исследований, круглых столов, "
            "семинаров, конференций и т.п. в интересах муниципальных образований. Направляют на "
            "эти мероприятия делегации, специалистов и специализированные туристические группы.",
            "ky": "Жергиликтүү бийликтердин эл аралык жана улуттук бирикмелери менен кызматташып, "
            "муниципалитеттердин кызыкчылыгында изилдөөлөрдү, тегерек үстөлдөрдү, "
            "семинарларды, конференцияларды жана ушул сыяктууларды өткөрүү боюнча биргелешкен "
            "долбоорлорду уюштурушат. Бул иш-чараларга делегацияларды, адистерди жана "
            "адистештирилген туристтик топторду жөнөтүшөт.",
            "en": "Organise, together with international and national associations of local "
            "authorities, joint projects for research, round tables, seminars, conferences and "
            "the like in the interests of municipalities, and send delegations, specialists and "
            "specialised tourist groups to these events.",
        },
    ),
    (
        "3.6",
        {
            "ru": "Иная деятельность",
            "ky": "Башка ишмердүүлүк",
            "en": "Other activities",
        },
        {
            "ru": "Осуществляют иную деятельность, вытекающую из целей Сторон в установленном "
            "законом порядке.",
            "ky": "Тараптардын максаттарынан келип чыккан башка ишмердүүлүктү мыйзамда "
            "белгиленген тартипте жүзөгө ашырышат.",
            "en": "Carry out other activities arising from the Parties' goals in the manner "
            "established by law.",
        },
    ),
)

# Fields of cooperation named in the memorandum's goals and activities, and the usual fields of
# municipal cooperation; municipalities, links, projects and best practices are tagged with them.
SECTORS = (
    (
        "economy",
        {"ru": "Экономика и торговля", "ky": "Экономика жана соода", "en": "Economy and trade"},
    ),
    ("industry", {"ru": "Промышленность", "ky": "Өнөр жай", "en": "Industry"}),
    ("agriculture", {"ru": "Сельское хозяйство", "ky": "Айыл чарба", "en": "Agriculture"}),
    ("tourism", {"ru": "Туризм", "ky": "Туризм", "en": "Tourism"}),
    ("culture", {"ru": "Культура", "ky": "Маданият", "en": "Culture"}),
    ("education", {"ru": "Образование", "ky": "Билим берүү", "en": "Education"}),
    (
        "higher-education",
        {
            "ru": "Высшее образование и наука",
            "ky": "Жогорку билим жана илим",
            "en": "Higher education and science",
        },
    ),
    ("youth", {"ru": "Молодёжная политика", "ky": "Жаштар саясаты", "en": "Youth policy"}),
    ("sport", {"ru": "Спорт", "ky": "Спорт", "en": "Sport"}),
    ("health", {"ru": "Здравоохранение", "ky": "Саламаттыкты сактоо", "en": "Health care"}),
    ("social", {"ru": "Социальная защита", "ky": "Социалдык коргоо", "en": "Social protection"}),
    (
        "utilities",
        {
            "ru": "ЖКХ и благоустройство",
            "ky": "Турак жай-коммуналдык чарба жана көрктөндүрүү",
            "en": "Housing, utilities and public spaces",
        },
    ),
    ("transport", {"ru": "Транспорт", "ky": "Транспорт", "en": "Transport"}),
    ("environment", {"ru": "Экология", "ky": "Экология", "en": "Environment"}),
    (
        "digital",
        {
            "ru": "Цифровизация и «умный город»",
            "ky": "Санариптештирүү жана «акылдуу шаар»",
            "en": "Digital services and smart city",
        },
    ),
    (
        "governance",
        {
            "ru": "Муниципальное управление",
            "ky": "Муниципалдык башкаруу",
            "en": "Municipal governance",
        },
    ),
    (
        "interethnic",
        {
            "ru": "Межэтнические отношения и миграция",
            "ky": "Этностор аралык мамилелер жана миграция",
            "en": "Interethnic relations and migration",
        },
    ),
)
