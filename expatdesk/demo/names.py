"""Fictional names for the demo: people of many nations and scripts, Twente companies, schools.

Every person and company is made up by combining common given and family names, Twente place
names and trade words; any likeness to a real person or company is chance. A name in a non-Latin
script is written ``native=Latin``: the Latin form is what the person uses in an e-mail address.
Latin names give their e-mail form by folding (``Müller`` → ``muller``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from expatdesk.text import fold


@dataclass(frozen=True)
class Name:
    """A name as written, and its ASCII form for e-mail addresses."""

    written: str
    ascii: str


@dataclass(frozen=True)
class NameGroup:
    """Given and family names of one language and script."""

    male: tuple[Name, ...]
    female: tuple[Name, ...]
    family: tuple[Name, ...]
    #: Family names in their female form (Nowak → Nowak, Kowalski → Kowalska), when that differs.
    family_female: tuple[Name, ...]


@dataclass(frozen=True)
class Nationality:
    """An ISO 3166-1 alpha-2 country, how often its citizens come, and how they are named."""

    code: str
    weight: int
    latin: str  # the name group in Latin script
    native: str | None = None  # a name group in the country's own script
    native_share: float = 0.0  # share of people whose name is recorded in that script
    eu: bool = False  # EU/EEA/Swiss citizens need no residence permit


_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def ascii_slug(text: str) -> str:
    """Lower-case ASCII letters and digits only: ``"O'Brien-Müller"`` → ``"obrienmuller"``."""
    return _NON_ALNUM.sub("", fold(text))


def _words(text: str) -> tuple[str, ...]:
    """The comma-separated items of a multi-line literal, each on one line."""
    return tuple(" ".join(item.split()) for item in text.split(","))


def _names(text: str) -> tuple[Name, ...]:
    names = []
    for item in text.split(","):
        item = item.strip()
        if "=" in item:
            written, latin = item.split("=")
            names.append(Name(written, ascii_slug(latin)))
        else:
            names.append(Name(item, ascii_slug(item)))
    return tuple(names)


# Each entry: male given names | female given names | family names [| female family names].
_GROUPS: dict[str, str] = {
    "german": """Jürgen, Jörg, Björn, Lukas, Felix, Sören, Maximilian, Tobias, Matthias, Jonas,
        Florian, Dominik | Lena, Jana, Sophie, Anja, Käthe, Mareike, Lea, Hannah, Franziska,
        Jülide, Annika, Charlotte | Müller, Schröder, Weiß, Jäger, Groß, Schäfer, Köhler, Krüger,
        Schmitz, Hoffmann, Becker, Fischer, Wagner, Bäcker, Vogt, Brüggemann, Hüsing, Terhörst""",
    "flemish": """Joël, Wouter, Pieter-Jan, Stijn, Arne, Bram, Jef, Thibaut | Anaïs, Lotte, Elien,
        Fien, Marthe, Noor, Zoë, Ine | Peeters, Janssens, Maes, Van den Broeck, De Smet, Claes,
        Wouters, Verhaegen, Goossens, Vermeulen""",
    "french": """François, Jérôme, Noël, Théo, Benoît, Mathéo, Étienne, Rémi | Hélène, Zoé,
        Amélie, Céline, Élodie, Gaëlle, Léa, Margaux | Lefèvre, Dubois, Moreau, Girard, Rousseau,
        Fournier, Bérenger, Mercier, Faure, Lemaître""",
    "spanish": """José, Jesús, Andrés, Martín, Álvaro, Sergio, Iñaki, Joaquín, Raúl, Tomás |
        María, Lucía, Sofía, Inés, Begoña, Nuria, Ángela, Marta, Pilar, Ainhoa | García, Rodríguez,
        Martínez, López, Gómez, Hernández, Pérez, Sánchez, Muñoz, Núñez, Jiménez, Álvarez,
        Ibáñez, Castaño""",
    "latin_american": """José, Juan Pablo, Sebastián, Matías, Andrés, Diego, Camilo, Nicolás |
        Valentina, Camila, María José, Daniela, Ximena, Mariana, Renata, Lucía | González,
        Rodríguez, Hernández, Ramírez, Flores, Vásquez, Castillo, Ordóñez, Mejía, Peña""",
    "portuguese": """João, Luís, Tomás, Gonçalo, André, Rui, Vinícius, Caio, Thiago, Mário |
        Inês, Conceição, Ângela, Joana, Mariana, Beatriz, Letícia, Luíza, Fernanda, Gabriela |
        Gonçalves, Araújo, Simões, Fernandes, Magalhães, Conceição, Brandão, Guimarães, Lopes,
        Carvalho, Assunção, Damásio""",
    "italian": """Giuseppe, Niccolò, Lorenzo, Matteo, Francesco, Alessandro, Davide, Gianluca,
        Andrea, Pietro | Francesca, Chiara, Giulia, Martina, Alessia, Federica, Beatrice, Ilaria,
        Sara, Caterina | Rossi, Bianchi, Esposito, Romano, Colombo, Ricci, Marino, Greco, Bruno,
        Gallo, Conti, De Luca, Mancini, Lombardi, Fabbrò, Santoro""",
    "polish": """Łukasz, Michał, Paweł, Wojciech, Krzysztof, Piotr, Tomasz, Jakub, Grzegorz |
        Małgorzata, Agnieszka, Katarzyna, Zofia, Joanna, Magdalena, Ewa, Aleksandra, Bożena |
        Nowak, Wiśniewski, Wójcik, Kamiński, Lewandowski, Zieliński, Woźniak, Dąbrowski,
        Kozłowski, Mazur, Król, Jabłoński | Nowak, Wiśniewska, Wójcik, Kamińska, Lewandowska,
        Zielińska, Woźniak, Dąbrowska, Kozłowska, Mazur, Król, Jabłońska""",
    "czech": """Jiří, Tomáš, Lukáš, Zdeněk, Ondřej, Jakub, Petr, Martin | Jana, Tereza, Lucie,
        Kateřina, Veronika, Markéta, Eliška, Petra | Novák, Svoboda, Dvořák, Černý, Procházka,
        Kučera, Veselý, Horák | Nováková, Svobodová, Dvořáková, Černá, Procházková, Kučerová,
        Veselá, Horáková""",
    "hungarian": """Gábor, László, Péter, Zoltán, Ádám, Bence, Tamás, Csaba | Zsófia, Ágnes,
        Eszter, Réka, Katalin, Dóra, Anikó, Boglárka | Nagy, Kovács, Tóth, Szabó, Horváth, Varga,
        Kiss, Molnár, Németh, Farkas""",
    "romanian": """Andrei, Mihai, Ștefan, Răzvan, Alexandru, Bogdan, Cristian, Ionuț | Ioana,
        Elena, Andreea, Mădălina, Raluca, Ana-Maria, Irina, Alina | Popescu, Ionescu, Dumitrescu,
        Stănescu, Constantinescu, Munteanu, Țurcanu, Gheorghiu, Lăzărescu, Rădulescu""",
    "balkan": """Ivan, Marko, Luka, Željko, Nikola, Stjepan, Dušan, Miloš, Goran | Ana, Petra,
        Ivana, Jelena, Mirjana, Dragana, Snežana, Maja | Horvat, Kovačević, Babić, Marić, Jurić,
        Novaković, Đorđević, Petrović, Jovanović, Šimić, Knežević, Tomić""",
    "nordic": """Søren, Björn, Mads, Kåre, Anders, Magnus, Jens, Oskar, Lars, Øystein | Åsa,
        Ingrid, Sigrid, Astrid, Freja, Maja, Linnéa, Solveig, Karin, Ida | Øster, Sørensen,
        Jørgensen, Åberg, Lindqvist, Ström, Bjørnstad, Hansen, Nilsson, Ødegård, Løvås, Sjöberg""",
    "finnish": """Jukka, Mikko, Antti, Juha, Väinö, Eero, Lauri | Päivi, Aino, Sanna, Elina,
        Tiina, Kaisa, Siiri | Mäkinen, Virtanen, Hämäläinen, Järvinen, Korhonen, Nieminen,
        Heikkilä, Lähteenmäki""",
    "english": """James, Oliver, Liam, Thomas, Daniel, Samuel, Jack, Owen, Noah, Ethan | Emma,
        Sophie, Chloe, Olivia, Grace, Hannah, Emily, Charlotte, Megan, Abigail | Smith, Jones,
        Williams, Brown, Taylor, O'Brien, Murphy, Johnson, Miller, Davies, Evans, Thompson,
        Walsh, McCarthy, Robinson, Clarke""",
    "irish": """Seán, Cian, Oisín, Pádraig, Eoin, Darragh | Siobhán, Aoife, Niamh, Caoimhe,
        Róisín, Sinéad | O'Sullivan, Ó Briain, Kelly, Byrne, Ryan, Ní Dhomhnaill, Doyle, Quinn""",
    "turkish": """Mehmet, Emre, Gökhan, İbrahim, Mustafa, Oğuz, Burak, Çağrı, Serkan, Barış |
        Ayşe, Zeynep, Şebnem, Çağla, Özlem, Elif, Gülşen, Merve, Büşra, İpek | Çelik, Yılmaz,
        Kaya, Demir, Şahin, Öztürk, Aydın, Özdemir, Arslan, Doğan, Kılıç, Güneş, Koç, Çetin""",
    "greek_latin": """Giorgos, Dimitris, Nikos, Konstantinos, Ioannis, Panagiotis | Maria, Eleni,
        Katerina, Georgia, Sofia, Despoina | Papadopoulos, Georgiou, Nikolaidis, Vasileiou,
        Oikonomou, Karagiannis, Papageorgiou, Christodoulou""",
    "greek": """Γιώργος=Giorgos, Δημήτρης=Dimitris, Νίκος=Nikos, Κωνσταντίνος=Konstantinos,
        Γιάννης=Giannis, Παναγιώτης=Panagiotis | Μαρία=Maria, Ελένη=Eleni, Κατερίνα=Katerina,
        Γεωργία=Georgia, Σοφία=Sofia, Δέσποινα=Despoina | Παπαδόπουλος=Papadopoulos,
        Γεωργίου=Georgiou, Νικολαΐδης=Nikolaidis, Βασιλείου=Vasileiou, Οικονόμου=Oikonomou,
        Καραγιάννης=Karagiannis | Παπαδοπούλου=Papadopoulou, Γεωργίου=Georgiou,
        Νικολαΐδου=Nikolaidou, Βασιλείου=Vasileiou, Οικονόμου=Oikonomou,
        Καραγιάννη=Karagianni""",
    "slavic_latin": """Ivan, Dmitry, Alexey, Sergey, Oleksandr, Andriy, Mykola, Pavel | Olga,
        Natalia, Anna, Ekaterina, Oksana, Iryna, Yulia, Svetlana | Ivanov, Petrov, Smirnov,
        Kuznetsov, Shevchenko, Kovalenko, Bondarenko, Melnyk | Ivanova, Petrova, Smirnova,
        Kuznetsova, Shevchenko, Kovalenko, Bondarenko, Melnyk""",
    "cyrillic": """Иван=Ivan, Дмитрий=Dmitry, Алексей=Alexey, Сергей=Sergey,
        Олександр=Oleksandr, Андрій=Andriy, Михаил=Mikhail, Павел=Pavel | Ольга=Olga,
        Наталья=Natalia, Анна=Anna, Екатерина=Ekaterina, Оксана=Oksana, Ірина=Iryna,
        Юлия=Yulia, Светлана=Svetlana | Иванов=Ivanov, Петров=Petrov, Смирнов=Smirnov,
        Кузнецов=Kuznetsov, Шевченко=Shevchenko, Коваленко=Kovalenko, Бондаренко=Bondarenko,
        Соколов=Sokolov | Иванова=Ivanova, Петрова=Petrova, Смирнова=Smirnova,
        Кузнецова=Kuznetsova, Шевченко=Shevchenko, Коваленко=Kovalenko,
        Бондаренко=Bondarenko, Соколова=Sokolova""",
    "arabic_latin": """Ahmed, Mohamed, Omar, Khaled, Youssef, Karim, Tarek, Hassan | Fatima,
        Nour, Yasmin, Layla, Mariam, Salma, Rania, Hanan | Hassan, Mahmoud, El-Sayed, Haddad,
        Khalil, Nasser, Al-Masri, Benali, Mansour, Saleh, Abdallah, Ibrahim""",
    "arabic": """أحمد=Ahmed, محمد=Mohamed, عمر=Omar, خالد=Khaled, يوسف=Youssef, كريم=Karim,
        طارق=Tarek | فاطمة=Fatima, نور=Nour, ياسمين=Yasmin, ليلى=Layla, مريم=Mariam,
        سلمى=Salma, رانيا=Rania | حسن=Hassan, محمود=Mahmoud, حداد=Haddad, خليل=Khalil,
        ناصر=Nasser, منصور=Mansour, صالح=Saleh, عبدالله=Abdallah""",
    "persian_latin": """Reza, Ali, Amir, Mehdi, Hossein, Kian, Arash | Maryam, Zahra, Shirin,
        Niloufar, Parisa, Sara, Leila | Hosseini, Ahmadi, Mohammadi, Rezaei, Moradi, Karimi,
        Jafari, Sadeghi, Rahimi, Tehrani""",
    "persian": """رضا=Reza, علی=Ali, امیر=Amir, مهدی=Mehdi, حسین=Hossein, آرش=Arash |
        مریم=Maryam, زهرا=Zahra, شیرین=Shirin, نیلوفر=Niloufar, پریسا=Parisa, لیلا=Leila |
        حسینی=Hosseini, احمدی=Ahmadi, محمدی=Mohammadi, رضایی=Rezaei, مرادی=Moradi,
        کریمی=Karimi, جعفری=Jafari, صادقی=Sadeghi""",
    "indian_latin": """Rahul, Arjun, Vikram, Aditya, Rohan, Karthik, Siddharth, Anand, Pranav,
        Harish, Suresh, Venkatesh | Priya, Ananya, Deepika, Sneha, Lakshmi, Kavya, Divya, Meera,
        Shreya, Pooja, Aishwarya, Nandini | Sharma, Patel, Singh, Kumar, Reddy, Iyer, Nair, Gupta,
        Chatterjee, Rao, Krishnan, Menon, Banerjee, Desai, Joshi, Pillai, Subramanian,
        Venkataraman""",
    "devanagari": """राहुल=Rahul, अर्जुन=Arjun, विक्रम=Vikram, आदित्य=Aditya, रोहन=Rohan,
        सिद्धार्थ=Siddharth, आनंद=Anand | प्रिया=Priya, अनन्या=Ananya, स्नेहा=Sneha,
        दिव्या=Divya, मीरा=Meera, श्रेया=Shreya, पूजा=Pooja | शर्मा=Sharma, पटेल=Patel,
        सिंह=Singh, कुमार=Kumar, गुप्ता=Gupta, वर्मा=Verma, जोशी=Joshi, मिश्रा=Mishra""",
    "nepali_latin": """Suman, Bikash, Rajesh, Prakash, Sanjay, Dipesh | Sita, Anita, Sabina,
        Gita, Sunita, Pratima | Shrestha, Adhikari, Thapa, Gurung, Tamang, Karki, Bhattarai,
        Poudel""",
    "nepali": """सुमन=Suman, विकास=Bikash, राजेश=Rajesh, प्रकाश=Prakash, संजय=Sanjay |
        सीता=Sita, अनिता=Anita, सबिना=Sabina, गीता=Gita, सुनीता=Sunita | श्रेष्ठ=Shrestha,
        अधिकारी=Adhikari, थापा=Thapa, गुरुङ=Gurung, तामाङ=Tamang, कार्की=Karki""",
    "south_asian": """Imran, Bilal, Farhan, Usman, Tanvir, Rafiq, Hamza, Arif | Ayesha, Sana,
        Nusrat, Fariha, Sadia, Hina, Rubina, Tahmina | Khan, Ahmed, Hussain, Chaudhry, Rahman,
        Islam, Hossain, Qureshi, Siddiqui, Malik, Chowdhury, Butt""",
    "chinese_latin": """Wei, Lei, Hao, Ming, Jun, Tao, Zixuan, Junjie, Haoran, Yifan | Na, Jing,
        Yan, Xin, Fang, Xinyi, Yuhan, Mei, Li, Ying | Wang, Li, Zhang, Liu, Chen, Yang, Huang,
        Zhao, Wu, Zhou, Xu, Sun, Ma, Zhu, Hu, Guo""",
    "chinese": """伟=Wei, 磊=Lei, 浩=Hao, 明=Ming, 军=Jun, 涛=Tao, 子轩=Zixuan, 俊杰=Junjie,
        浩然=Haoran, 一帆=Yifan | 娜=Na, 静=Jing, 艳=Yan, 欣=Xin, 芳=Fang, 欣怡=Xinyi,
        雨涵=Yuhan, 梅=Mei, 丽=Li, 颖=Ying | 王=Wang, 李=Li, 张=Zhang, 刘=Liu, 陈=Chen,
        杨=Yang, 黄=Huang, 赵=Zhao, 吴=Wu, 周=Zhou, 徐=Xu, 孙=Sun, 马=Ma, 朱=Zhu""",
    "taiwanese": """志明=Chih-ming, 冠宇=Kuan-yu, 家豪=Chia-hao, 俊宏=Chun-hung, 承恩=Cheng-en |
        淑芬=Shu-fen, 怡君=Yi-chun, 雅婷=Ya-ting, 佳穎=Chia-ying, 欣妤=Hsin-yu | 陳=Chen,
        林=Lin, 黃=Huang, 張=Chang, 李=Lee, 王=Wang, 吳=Wu, 劉=Liu, 蔡=Tsai, 楊=Yang""",
    "japanese_latin": """Haruto, Sōta, Ren, Yūki, Takumi, Kenta, Daiki, Shōta | Yui, Aoi, Hina,
        Sakura, Yūko, Misaki, Haruka, Akari | Satō, Suzuki, Takahashi, Tanaka, Watanabe, Itō,
        Yamamoto, Nakamura, Kobayashi, Katō""",
    "japanese": """陽翔=Haruto, 蒼=Aoi, 蓮=Ren, 翔太=Shota, 拓海=Takumi, 健太=Kenta | 結衣=Yui,
        陽菜=Hina, さくら=Sakura, 美咲=Misaki, 遥=Haruka, 明里=Akari | 佐藤=Sato, 鈴木=Suzuki,
        高橋=Takahashi, 田中=Tanaka, 渡辺=Watanabe, 伊藤=Ito, 山本=Yamamoto, 中村=Nakamura""",
    "korean_latin": """Min-jun, Ji-ho, Do-yun, Seo-jun, Hyun-woo, Joon-young | Seo-yeon, Ha-eun,
        Ji-woo, Soo-ah, Min-seo, Ye-jin | Kim, Lee, Park, Choi, Jung, Kang, Cho, Yoon, Jang,
        Lim""",
    "korean": """민준=Minjun, 지호=Jiho, 도윤=Doyun, 서준=Seojun, 현우=Hyunwoo | 서연=Seoyeon,
        하은=Haeun, 지우=Jiwoo, 수아=Sua, 민서=Minseo | 김=Kim, 이=Lee, 박=Park, 최=Choi,
        정=Jung, 강=Kang, 조=Cho, 윤=Yoon""",
    "vietnamese": """Minh, Đức, Tuấn, Quân, Hùng, Khánh, Dũng, Long | Thảo, Hương, Linh, Phương,
        Trang, Ngọc, Hà, Mai | Nguyễn, Trần, Lê, Phạm, Hoàng, Vũ, Đặng, Bùi, Đỗ, Hồ, Ngô,
        Dương""",
    "indonesian": """Budi, Agus, Rizky, Andi, Dimas, Hendra, Fajar, Wahyu | Siti, Dewi, Putri,
        Ayu, Rina, Nur, Indah, Lestari | Santoso, Wijaya, Saputra, Hidayat, Nugroho, Setiawan,
        Kusuma, Pratama, Halim, Tan""",
    "west_african": """Chinedu, Kwame, Tunde, Emeka, Kofi, Oluwaseun, Yaw, Ifeanyi | Ngozi, Ama,
        Adaeze, Folake, Efua, Chiamaka, Abena, Yetunde | Okafor, Adeyemi, Mensah, Owusu, Okeke,
        Boateng, Adebayo, Nwosu, Asante, Eze""",
    "east_african": """Abebe, Tesfaye, Otieno, Kamau, Dawit, Mwangi, Yonas, Baraka | Wanjiku,
        Meseret, Achieng, Hiwot, Njeri, Selam, Amani, Tigist | Kebede, Tesfaye, Otieno, Wanjiru,
        Girma, Kiprono, Mutua, Haile, Ochieng, Bekele""",
}


@cache
def group(name: str) -> NameGroup:
    """The name group called ``name``, parsed once."""
    parts = [_names(part) for part in _GROUPS[name].split("|")]
    male, female, family = parts[:3]
    family_female = parts[3] if len(parts) > 3 else family
    return NameGroup(male, female, family, family_female)


def group_names() -> tuple[str, ...]:
    return tuple(_GROUPS)


#: Where the expats come from; weights are relative numbers of arrivals.
NATIONALITIES: tuple[Nationality, ...] = (
    Nationality("IN", 120, "indian_latin", "devanagari", 0.12),
    Nationality("CN", 80, "chinese_latin", "chinese", 0.5),
    Nationality("DE", 85, "german", eu=True),
    Nationality("IT", 55, "italian", eu=True),
    Nationality("ES", 50, "spanish", eu=True),
    Nationality("GR", 40, "greek_latin", "greek", 0.4, eu=True),
    Nationality("CY", 4, "greek_latin", "greek", 0.4, eu=True),
    Nationality("TR", 45, "turkish"),
    Nationality("IR", 40, "persian_latin", "persian", 0.35),
    Nationality("PL", 35, "polish", eu=True),
    Nationality("PT", 25, "portuguese", eu=True),
    Nationality("BR", 30, "portuguese"),
    Nationality("RU", 20, "slavic_latin", "cyrillic", 0.6),
    Nationality("UA", 30, "slavic_latin", "cyrillic", 0.5),
    Nationality("BY", 5, "slavic_latin", "cyrillic", 0.5),
    Nationality("GB", 25, "english", eu=True),  # until the end of 2020: see BREXIT_YEAR
    Nationality("IE", 6, "irish", eu=True),
    Nationality("US", 18, "english"),
    Nationality("CA", 8, "english"),
    Nationality("AU", 5, "english"),
    Nationality("ZA", 6, "english"),
    Nationality("FR", 25, "french", eu=True),
    Nationality("BE", 20, "flemish", eu=True),
    Nationality("AT", 8, "german", eu=True),
    Nationality("CH", 5, "german", eu=True),
    Nationality("RO", 18, "romanian", eu=True),
    Nationality("HU", 10, "hungarian", eu=True),
    Nationality("CZ", 8, "czech", eu=True),
    Nationality("SK", 5, "czech", eu=True),
    Nationality("HR", 6, "balkan", eu=True),
    Nationality("RS", 8, "balkan"),
    Nationality("SE", 6, "nordic", eu=True),
    Nationality("DK", 5, "nordic", eu=True),
    Nationality("NO", 5, "nordic", eu=True),
    Nationality("FI", 5, "finnish", eu=True),
    Nationality("PK", 22, "south_asian"),
    Nationality("BD", 12, "south_asian"),
    Nationality("NP", 8, "nepali_latin", "nepali", 0.3),
    Nationality("EG", 20, "arabic_latin", "arabic", 0.35),
    Nationality("SY", 15, "arabic_latin", "arabic", 0.4),
    Nationality("JO", 6, "arabic_latin", "arabic", 0.35),
    Nationality("LB", 6, "arabic_latin", "arabic", 0.3),
    Nationality("MA", 8, "arabic_latin", "arabic", 0.2),
    Nationality("VN", 18, "vietnamese"),
    Nationality("ID", 20, "indonesian"),
    Nationality("MY", 6, "indonesian"),
    Nationality("JP", 8, "japanese_latin", "japanese", 0.4),
    Nationality("KR", 8, "korean_latin", "korean", 0.4),
    Nationality("TW", 8, "chinese_latin", "taiwanese", 0.5),
    Nationality("MX", 12, "latin_american"),
    Nationality("CO", 12, "latin_american"),
    Nationality("AR", 6, "latin_american"),
    Nationality("CL", 5, "latin_american"),
    Nationality("NG", 15, "west_african"),
    Nationality("GH", 8, "west_african"),
    Nationality("KE", 6, "east_african"),
    Nationality("ET", 8, "east_african"),
)

BREXIT_YEAR = 2021  # British citizens arriving from this year on need a residence permit


# --- Dutch names: contact persons at employers, the centre's own staff -----------------------

DUTCH_GIVEN = _names(
    """Gerrit, Jan, Henk, Bernard, Wouter, Bram, Joost, Ruud, Niels, Tim, Rik, Gert-Jan,
    Hennie, Erik, Bart, Sander, Martijn, Jeroen, Thijs, Koen, Annemiek, Ilse, Marloes, Sanne,
    Femke, Anouk, Lieke, Eline, Maaike, Marieke, Hilde, Esther, Janneke, Renske, Inge, Karin,
    Mirjam, Wilma, Anke, Daphne"""
)
DUTCH_FAMILY = _names(
    """Nijhuis, Oude Egbrink, Kamphuis, Haverkate, Lansink, Wessels, Tijhuis, Morsink, Hofste,
    ter Horst, Busschers, Brinkhuis, Veldhuis, Oldenkotte, Leferink, Bolscher, Roetgerink,
    Wolbers, Pierik, Slotman, Scholten, Oude Vrielink, Huttenhuis, Meengs, Schuttert,
    Bruggink, Velthuis, Groot Nibbelink, Olthof, Reinders, Hilbrink, Boerrigter, Stokkers,
    Wiegman, Kuipers, Ten Dam, Eshuis, Pots, Assink, Klein Gebbink"""
)

CONTACT_TITLES = (
    "HR adviser",
    "HR manager",
    "Recruiter",
    "Talent acquisition specialist",
    "Office manager",
    "Mobility coordinator",
    "Managing director",
    "Payroll administrator",
)

#: The centre's own staff: (given name, family name, role); the last desk officer has left.
STAFF: tuple[tuple[str, str, str], ...] = (
    ("Marieke", "Lansink", "administrator"),
    ("Erik", "Oude Egbrink", "manager"),
    ("Annemiek", "Haverkate", "manager"),
    ("Sanne", "Brinkhuis", "desk_officer"),
    ("Koen", "Wessels", "desk_officer"),
    ("Lieke", "Kamphuis", "desk_officer"),
    ("Bram", "Tijhuis", "desk_officer"),
    ("Femke", "Roetgerink", "desk_officer"),
    ("Thijs", "Bolscher", "desk_officer"),
    ("Janneke", "Velthuis", "desk_officer"),
    ("Niels", "Hilbrink", "desk_officer"),
    ("Renske", "Eshuis", "desk_officer"),
    ("Gerrit", "Morsink", "desk_officer"),
)

# --- companies ---------------------------------------------------------------------------------

#: Twente hamlets, rivers, estates and family names, combined with trade words into companies.
COMPANY_STEMS = _words(
    """Dinkel, Regge, Twickel, Lonneker, Boekelo, Drienerlo, Hulsbeek, Tubbe, Markelo,
    Delden, Diepenheim, Denekamp, Weerselo, Vriezenveen, Nijverdal, Holterberg, Lemelerberg,
    Buurse, Usselo, Glanerbrug, Twekkelo, Deppenbroek, Tankenberg, Lutterberg, Springendal,
    Manderveen, Vasse, Reutum, Saasveld, Hertme, Zenderen, Bornerbroek, Enter, Notter, Zuna,
    Elsen, Azelo, Bentelo, Hengevelde, Beckum, Lattrop, Breklenkamp, Agelo, Lemselo, Volthe,
    Fleringen, Albergen, Langeveen, Westerhaar, Daarle, Haarle, Luttenberg, Kotten, Esmarke,
    Roombeek, Oele, Stokhorst, Hasseler, Espelo, Rectum, Ypelo, Mariaparochie, Bruinehaar,
    Geesteren, Loolee, Tilligte, Mekkelhorst, Haarlo, Herike, Wiene, Rossum, Oud Ootmarsum,
    Nijhuis, Kamphuis, Lansink, Wolbers, Leferink, Scholten, Morsink, Veldhuis, Hofste,
    Brinkhuis"""
)
TECH_TRADES = _words(
    """Photonics, Sensor Systems, Microfluidics, Robotics, Nanotech, Precision
    Engineering, Composites, Data Labs, MedTech, Lasers, Software, Semiconductors, Biomedical,
    Quantum Devices, Mechatronics, Smart Materials, Drone Systems, Energy Storage, Hydrogen
    Technology, Process Automation, Vision Systems, Thin Films, Embedded Systems, Cyber
    Security, AI Solutions, Microsystems, Polymers, Fluid Dynamics, Additive Manufacturing, Water
    Technology, Medical Imaging, Test Systems, Space Technology, Aerospace Components, Battery
    Systems, Health Tech, Agritech, Cleantech, Membranes, Optics, Motion Control, Simulation,
    Geo-Informatics, Instruments, Laser Welding, Ultrasound, Electronics, Power Electronics, IoT
    Solutions, Biosensors"""
)
OTHER_TRADES = _words(
    """Logistiek, Transport, Bouwbedrijf, Zorggroep, Accountants, Textiel, Hotel,
    Catering, Schoonmaak, Uitzendbureau, Makelaardij, Advocaten, Groothandel, Recycling,
    Meubelfabriek, Drukkerij, Kinderopvang, Autobedrijf, Hoveniers, Installatiebedrijf, Verhuur,
    Beveiliging, Vastgoed, Adviesbureau, Reclamebureau, Horeca, Sportcentrum, Bakkerij,
    Tuincentrum, Notariskantoor"""
)
TECH_FORMS = (" B.V.", "", " Holding B.V.", " Group")
OTHER_FORMS = (" B.V.", "", " V.O.F.", " & Zn.")

#: German firms across the border in Gronau, Nordhorn and so on: no KvK number, outside Twente.
FOREIGN_STEMS = _words(
    """Gronau, Nordhorn, Bad Bentheim, Ahaus, Bocholt, Lingen, Emsbüren, Schüttorf,
    Vreden, Stadtlohn, Epe, Neuenhaus, Brinkmann, Schulte, Hüsing, Terhorst, Wessels,
    Kösters, Lübbers, Többen, Rötering, Schepers, Wüllner, Bökamp, Overesch"""
)
FOREIGN_TRADES = (
    "Maschinenbau GmbH",
    "Kunststofftechnik GmbH",
    "Logistik GmbH & Co. KG",
    "Sensortechnik GmbH",
    "Textilwerke GmbH",
    "Antriebstechnik GmbH",
    "Medizintechnik GmbH",
    "Software GmbH",
    "Lasertechnik GmbH",
    "Anlagenbau GmbH & Co. KG",
)

#: The region's big, fictional knowledge employers: first in the register, many expats.
ANCHOR_EMPLOYERS = (
    "Technische Universiteit Drienerlo",
    "Twickel Semiconductors N.V.",
    "Regge Medisch Centrum",
    "Dinkel Aerospace B.V.",
    "Hogeschool Oost-Twente",
    "Lonneker Photonics B.V.",
    "Boekelo Nanolab B.V.",
    "Machinefabriek Tubbe N.V.",
)

INTERNATIONAL_SCHOOLS = (
    "Regge Valley International School",
    "Twickel International Primary School",
    "Drienerlo International Secondary School",
    "Lonneker Bilingual School",
)
LOCAL_SCHOOLS = (
    "Kindcentrum De Boekel",
    "Basisschool De Tubbe",
    "Twickelland College",
    "Lyceum Oost-Twente",
)

#: Reserved example domains (RFC 2606, RFC 6761): no real mailbox is ever named.
EMAIL_DOMAINS = ("example.org", "example.com", "example.net", "mail.example", "post.example")
