//! Where money comes from: the sources of funds every format knows.

labelled_enum! {
    /// 资金来源：全国部门预算的收入来源。单位资金可以不拆分直接填写，
    /// 也可以按事业收入、事业单位经营收入、上级补助收入、附属单位上缴收入、其他收入分列。
    #[derive(Default)]
    Source {
        #[default] GeneralPublic = "一般公共预算",
        GovernmentFund = "政府性基金预算",
        StateCapital = "国有资本经营预算",
        SpecialAccount = "财政专户管理资金",
        UnitFunds = "单位资金",
        BusinessIncome = "事业收入",
        OperatingIncome = "事业单位经营收入",
        SuperiorGrant = "上级补助收入",
        AffiliateRemittance = "附属单位上缴收入",
        OtherIncome = "其他收入",
    }
}

impl Source {
    /// How many sources there are.
    pub const COUNT: usize = Source::ALL.len();

    /// 财政拨款 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算.
    pub fn is_fiscal(self) -> bool {
        matches!(
            self,
            Source::GeneralPublic | Source::GovernmentFund | Source::StateCapital
        )
    }
    /// 单位资金: the unit's own income, written whole or by kind.
    pub fn is_unit_funds(self) -> bool {
        !self.is_fiscal() && self != Source::SpecialAccount
    }
    pub fn index(self) -> usize {
        self as usize
    }
    /// A source by its name as a layout or budget writes it.
    pub fn from_label(label: &str) -> Option<Source> {
        Source::ALL.iter().copied().find(|s| s.label() == label)
    }
}
