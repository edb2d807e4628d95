"""Given names that open a person's name in the records' languages: a hand list written for
tei-toolkit from common knowledge (no source copied), lower case, diacritics kept. A given
name before a capitalised word is evidence of a person where capitals alone are none (German
sets every noun in capitals: "Walter Ulbricht sagte"), and in a title-case heading. Names
that are also places or common words of the records ("Victoria", "Georgia", "Florence",
"Jordan", "Frank", "Will", "Mark", "Rose", "Chad") are left out."""

from __future__ import annotations

GIVEN_NAMES = frozenset(
    """
    adam adolf adrian alain albert albrecht aldo aleksandr aleksandra aleksei aleksey alexander
    alexandre alexei alfons alfred alfredo alois andrás andrei andrey andrzej andré andrés
    angela anna anne annemarie anton antonio antoni antonín anthony arnold arthur august
    augusto averell axel bernard bernd bernhard bohumil bolesław boris bruno béla carl carlo
    carlos charles christian christoph christopher claude clemens conrad constantin cyrus
    czesław daniel david dean dietrich dieter dmitri dmitrii dmitry dominique dwight eduard
    edmund eduardo edward egon emil emilio enrique erich ernst erwin eugen eugene ewald
    fedor felix ferdinand fernando fidel franz françois françoise frederick friedrich fritz
    fyodor georg george georges gerhard gerald gheorghe gottfried gregor gregory grigori
    gustav gustáv günter günther hans harald harold harry hartmut heinrich heinz helmut
    helmuth henri henry herbert hermann hugo ignacy igor ilse imre ivan iwan jacques jakub
    jan janos jaroslav jean jerzy joachim johann johannes john jorge josef joseph josip
    józef juan julius jurij jürgen jānis kamil karel karl kazimierz klaus konrad konstantin
    konstantinos kurt ladislav lajos lavrenti lavrentii leonid leopold lev lothar louis
    ludwig luigi lyndon lyubov manfred manuel marcel maria marie mario markus martin
    mátyás max maxim maximilian michael michał mieczysław mihail mikhail miklós milan
    miloš mohammad mohammed nicolae nicolas nikita nikolai nikolaus nikolay norbert
    oleg oskar otto pablo pál paul paulo pavel pedro peter petr petru philippe pierre
    pyotr rainer raúl reinhard reinhold richard robert roberto rolf rudolf salvador sergei
    sergey siegfried stanisław stefan stepan sándor tadeusz theodor thomas todor tomás
    tomasz ulrich urho václav valentin valentina valery vasili vasily viktor vincent
    vladimir vladimír vladislav vyacheslav walter walther werner wilhelm willi willy
    winston wladimir wladyslaw władysław wolfgang yakov yuri yury zbigniew zdeněk zoltán
    ana josé jose maría luis miguel francisco javier rafael ricardo alberto alejandro ramón
    jesús ernesto felipe gabriel guillermo gonzalo hernán héctor ignacio jaime joaquín
    leopoldo lorenzo marcelo martín mauricio nicolás óscar osvaldo patricio rodrigo sergio
    víctor diego esteban agustín alfonso arturo bernardino cristóbal elena isabel carmen
    teresa lucía beatriz cecilia inés juana margarita mercedes pilar silvia sofía
    michel étienne maurice raymond rené antoine christophe didier gérard hervé jules
    laurent lucien olivier pascal yves giuseppe giovanni giulio amintore alcide enrico
    francesco giorgio massimo pietro sandro william james ronald hubert adlai cordell
    sumner margaret elizabeth caspar samuel benjamin stephen lawrence leonard kenneth
    donald howard philip ralph eleanor dorothy tom jim fred ted
    """.split()
)
