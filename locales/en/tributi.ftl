# Local taxes (flows/tributi.yaml)

tributi-title = Local taxes
tributi-tari = Waste tax (TARI)
tributi-tari-variazioni = Report a change
tributi-imu = Property tax (IMU)

tributi-menu =
    Local Taxes Office (Ufficio Tributi), Piazza del Municipio 1, first floor: waste tax (TARI) and property tax (IMU).
    Hours: Monday to Friday 9:00 to 12:30; Thursday also 15:00 to 17:00.
    Choose a topic or write your question. To pay online, use the Comune's pagoPA portal.

tributi-tari-info =
    TARI, the waste tax
    It is paid by whoever occupies or owns premises in the municipality (homes, shops, offices), based on the floor area and, for households, on the number of people.
    The payment notice arrives by post or email with the pagoPA payment slips. For 2026 it is paid in three instalments (31 July, 30 September, 2 December) or in one payment by 31 July.

    How to pay, with the pagoPA notice code:
    - online on the Comune's pagoPA portal or with the IO app;
    - at a bank, post office, tobacconist or other pagoPA point.

    Reductions, on request: 20% for home composting; a social rate based on ISEE.
    If you did not receive the notice, you can download it from the online tax desk with SPID or CIE, or ask the Local Taxes Office (0123 456720, tributi@comune.esempio.it).

tributi-tari-variazioni-info =
    Waste tax changes
    You must submit a TARI declaration within 90 days when you start occupying a property, when you leave it, or when the floor area or the use of the premises changes. For residents, the number of household members is updated automatically from the registry.

    How:
    - online, with SPID or CIE, on the online tax desk;
    - by email to tributi@comune.esempio.it or by certified email (PEC) to protocollo@pec.comune.esempio.it, with the signed form and a copy of an identity document;
    - at the Local Taxes Office counter, Piazza del Municipio 1, first floor.

    You need the land registry data of the premises (sheet, parcel, sub-unit), the usable floor area and the date you started or stopped occupying them. If you are leaving, also say who is taking over, if you know.

tributi-imu-info =
    IMU, the municipal property tax
    It is paid by the owners, and by holders of usufruct or other real rights, of buildings, building land and agricultural land.
    Main home: your main residence is exempt, except for the luxury land registry categories A/1, A/8 and A/9, which pay at the reduced rate with a 200-euro deduction.

    When: first payment by 16 June and balance by 16 December; you may also pay everything by 16 June. The Comune sends no notice: you calculate the tax yourself, and can use the IMU calculator on the website.
    How: with the F24 form, at a bank, post office or through online banking, giving the Comune's land registry code and the tax code (3912 luxury main home, 3916 building land, 3918 other buildings).
    This year's rates are on the IMU page.

    If something changed during the year that the Comune does not know about (for example a property lent for free or unfit for use), submit an IMU return by 30 June of the following year.
