"""the whole group schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-26 17:24:01.139177
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('accounts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.Enum('bank', 'cash', name='accountkind', native_enum=False, length=40), nullable=False),
    sa.Column('bank_details', sa.String(length=100), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('opening_balance_pence', sa.BigInteger(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('import_mapping', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accounts')),
    sa.UniqueConstraint('name', name=op.f('uq_accounts_name'))
    )
    op.create_table('boundary_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('who_is_welcome', sa.Text(), nullable=False),
    sa.Column('relatives_and_carers_welcome', sa.Boolean(), nullable=False),
    sa.Column('practitioners', sa.Enum('as_members', 'guests_by_invitation', 'not_welcome', name='practitionerwelcome', native_enum=False, length=40), nullable=False),
    sa.Column('age_range', sa.String(length=100), nullable=False),
    sa.Column('area', sa.String(length=200), nullable=False),
    sa.Column('how_newcomers_join', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_boundary_versions'))
    )
    op.create_table('categories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('direction', sa.Enum('receipt', 'payment', name='categorydirection', native_enum=False, length=40), nullable=False),
    sa.Column('heading', sa.Enum('donations', 'grants', 'fundraising', 'members_contributions', 'investment_income', 'other_receipts', 'charitable_activities', 'governance', 'other_payments', name='accountsheading', native_enum=False, length=40), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_categories')),
    sa.UniqueConstraint('name', 'direction', name=op.f('uq_categories_name_direction'))
    )
    op.create_table('contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('job_title', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('phone', sa.String(length=50), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contacts'))
    )
    op.create_table('funds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('unrestricted', 'restricted', name='fundkind', native_enum=False, length=40), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('opening_balance_pence', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_funds')),
    sa.UniqueConstraint('name', name=op.f('uq_funds_name'))
    )
    op.create_table('group_profile',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('about', sa.Text(), nullable=False),
    sa.Column('area', sa.String(length=200), nullable=False),
    sa.Column('founded_on', sa.Date(), nullable=True),
    sa.Column('leadership_model', sa.Enum('peer_led', 'peer_led_with_practitioner_support', 'practitioner_led', name='leadershipmodel', native_enum=False, length=40), nullable=False),
    sa.Column('financial_year_start_month', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('attendance_mode', sa.Enum('by_name', 'count_only', name='attendancemode', native_enum=False, length=40), nullable=False),
    sa.Column('logo_png', sa.LargeBinary(), nullable=True),
    sa.Column('retention_months', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_group_profile'))
    )
    op.create_table('members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('preferred_name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('phone', sa.String(length=50), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=False),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.Column('kind', sa.Enum('member', 'relative_or_carer', 'practitioner_guest', name='memberkind', native_enum=False, length=40), nullable=False),
    sa.Column('private_notes', sa.Text(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_members'))
    )
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_members_name'), ['name'], unique=False)

    op.create_table('settings',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table('venues',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('access_notes', sa.Text(), nullable=False),
    sa.Column('cost_pence', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_venues'))
    )
    op.create_table('balance_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('other_monetary_asset', 'liability', 'asset_for_use', name='balanceitemkind', native_enum=False, length=40), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('amount_pence', sa.BigInteger(), nullable=True),
    sa.Column('as_at', sa.Date(), nullable=False),
    sa.Column('fund_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['fund_id'], ['funds.id'], name=op.f('fk_balance_items_fund_id_funds'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_balance_items'))
    )
    with op.batch_alter_table('balance_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_balance_items_fund_id'), ['fund_id'], unique=False)

    op.create_table('bank_statements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('statement_date', sa.Date(), nullable=False),
    sa.Column('closing_balance_pence', sa.BigInteger(), nullable=False),
    sa.Column('reconciled_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_bank_statements_account_id_accounts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bank_statements'))
    )
    with op.batch_alter_table('bank_statements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bank_statements_account_id'), ['account_id'], unique=False)

    op.create_table('consents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('contact_by_email', 'contact_by_phone', 'named_in_reports', 'photos', 'health_information', 'share_contact_details', name='consentkind', native_enum=False, length=40), nullable=False),
    sa.Column('given_on', sa.Date(), nullable=False),
    sa.Column('how', sa.Enum('signed_paper', 'at_meeting', 'by_email', name='agreementhow', native_enum=False, length=40), nullable=False),
    sa.Column('withdrawn_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_consents_member_id_members'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consents'))
    )
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consents_member_id'), ['member_id'], unique=False)

    op.create_table('contact_roles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('resource_builder', 'capacity_builder', 'facilitator', 'bridge_builder', 'co_educator', name='esteemrole', native_enum=False, length=40), nullable=False),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_contact_roles_contact_id_contacts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_roles')),
    sa.UniqueConstraint('contact_id', 'role', name=op.f('uq_contact_roles_contact_id_role'))
    )
    with op.batch_alter_table('contact_roles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_roles_contact_id'), ['contact_id'], unique=False)

    op.create_table('fund_transfers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('from_fund_id', sa.Integer(), nullable=False),
    sa.Column('to_fund_id', sa.Integer(), nullable=False),
    sa.Column('amount_pence', sa.BigInteger(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['from_fund_id'], ['funds.id'], name=op.f('fk_fund_transfers_from_fund_id_funds'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['to_fund_id'], ['funds.id'], name=op.f('fk_fund_transfers_to_fund_id_funds'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fund_transfers'))
    )
    with op.batch_alter_table('fund_transfers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fund_transfers_from_fund_id'), ['from_fund_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fund_transfers_on'), ['on'], unique=False)
        batch_op.create_index(batch_op.f('ix_fund_transfers_to_fund_id'), ['to_fund_id'], unique=False)

    op.create_table('grants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('funder', sa.String(length=200), nullable=False),
    sa.Column('reference', sa.String(length=100), nullable=False),
    sa.Column('amount_pence', sa.BigInteger(), nullable=False),
    sa.Column('awarded_on', sa.Date(), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('fund_id', sa.Integer(), nullable=False),
    sa.Column('report_due_on', sa.Date(), nullable=True),
    sa.Column('contact_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_grants_contact_id_contacts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['fund_id'], ['funds.id'], name=op.f('fk_grants_fund_id_funds'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grants')),
    sa.UniqueConstraint('reference', name=op.f('uq_grants_reference'))
    )
    with op.batch_alter_table('grants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grants_contact_id'), ['contact_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_grants_fund_id'), ['fund_id'], unique=False)

    op.create_table('meeting_schedules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rule', sa.Enum('weekly', 'fortnightly', 'monthly_nth_weekday', name='schedulerule', native_enum=False, length=40), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('nth', sa.Integer(), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('end_time', sa.Time(), nullable=True),
    sa.Column('venue_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('regular', 'social', 'speaker', 'agm', 'committee', 'online', name='meetingkind', native_enum=False, length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['venue_id'], ['venues.id'], name=op.f('fk_meeting_schedules_venue_id_venues'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_schedules'))
    )
    with op.batch_alter_table('meeting_schedules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_schedules_venue_id'), ['venue_id'], unique=False)

    op.create_table('member_roles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=100), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_member_roles_member_id_members'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member_roles'))
    )
    with op.batch_alter_table('member_roles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_member_roles_member_id'), ['member_id'], unique=False)

    op.create_table('payee_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pattern', sa.String(length=200), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('fund_id', sa.Integer(), nullable=True),
    sa.Column('times_used', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['categories.id'], name=op.f('fk_payee_rules_category_id_categories'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['fund_id'], ['funds.id'], name=op.f('fk_payee_rules_fund_id_funds'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payee_rules')),
    sa.UniqueConstraint('pattern', name=op.f('uq_payee_rules_pattern'))
    )
    with op.batch_alter_table('payee_rules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payee_rules_category_id'), ['category_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_payee_rules_fund_id'), ['fund_id'], unique=False)

    op.create_table('support_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('given_on', sa.Date(), nullable=False),
    sa.Column('what', sa.Text(), nullable=False),
    sa.Column('role', sa.Enum('resource_builder', 'capacity_builder', 'facilitator', 'bridge_builder', 'co_educator', name='esteemrole', native_enum=False, length=40), nullable=False),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_support_log_contact_id_contacts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_support_log'))
    )
    with op.batch_alter_table('support_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_support_log_contact_id'), ['contact_id'], unique=False)

    op.create_table('unavailability',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_unavailability_member_id_members'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unavailability'))
    )
    with op.batch_alter_table('unavailability', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unavailability_member_id'), ['member_id'], unique=False)

    op.create_table('grant_budget_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('grant_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('amount_pence', sa.BigInteger(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['grant_id'], ['grants.id'], name=op.f('fk_grant_budget_lines_grant_id_grants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grant_budget_lines'))
    )
    with op.batch_alter_table('grant_budget_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grant_budget_lines_grant_id'), ['grant_id'], unique=False)

    op.create_table('grant_outcomes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('grant_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('measure', sa.String(length=40), nullable=False),
    sa.Column('target', sa.Integer(), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['grant_id'], ['grants.id'], name=op.f('fk_grant_outcomes_grant_id_grants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grant_outcomes'))
    )
    with op.batch_alter_table('grant_outcomes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grant_outcomes_grant_id'), ['grant_id'], unique=False)

    op.create_table('meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('end_time', sa.Time(), nullable=True),
    sa.Column('venue_id', sa.Integer(), nullable=True),
    sa.Column('schedule_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('regular', 'social', 'speaker', 'agm', 'committee', 'online', name='meetingkind', native_enum=False, length=40), nullable=False),
    sa.Column('topic', sa.String(length=300), nullable=False),
    sa.Column('speaker', sa.String(length=200), nullable=False),
    sa.Column('status', sa.Enum('planned', 'held', 'cancelled', name='meetingstatus', native_enum=False, length=40), nullable=False),
    sa.Column('members_count', sa.Integer(), nullable=True),
    sa.Column('newcomers_count', sa.Integer(), nullable=False),
    sa.Column('guests_count', sa.Integer(), nullable=False),
    sa.Column('confidential_notes', sa.Text(), nullable=False),
    sa.Column('minutes', sa.Text(), nullable=False),
    sa.Column('minutes_shareable', sa.Boolean(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['schedule_id'], ['meeting_schedules.id'], name=op.f('fk_meetings_schedule_id_meeting_schedules'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['venue_id'], ['venues.id'], name=op.f('fk_meetings_venue_id_venues'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings'))
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meetings_held_on'), ['held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_schedule_id'), ['schedule_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_venue_id'), ['venue_id'], unique=False)

    op.create_table('achievements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('achieved_on', sa.Date(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('story', sa.Text(), nullable=False),
    sa.Column('kind', sa.Enum('milestone', 'member_story', 'event', 'funding', 'profile', 'partnership', name='achievementkind', native_enum=False, length=40), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('photo', sa.LargeBinary(), nullable=True),
    sa.Column('photo_mime', sa.String(length=50), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('quote_by_id', sa.Integer(), nullable=True),
    sa.Column('consent_to_include', sa.Boolean(), nullable=False),
    sa.Column('consent_recorded_on', sa.Date(), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_achievements_meeting_id_meetings'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['quote_by_id'], ['members.id'], name=op.f('fk_achievements_quote_by_id_members'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_achievements'))
    )
    with op.batch_alter_table('achievements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_achievements_achieved_on'), ['achieved_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_achievements_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_achievements_quote_by_id'), ['quote_by_id'], unique=False)

    op.create_table('agreement_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('decided_at_meeting_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['decided_at_meeting_id'], ['meetings.id'], name=op.f('fk_agreement_versions_decided_at_meeting_id_meetings'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_versions')),
    sa.UniqueConstraint('number', name=op.f('uq_agreement_versions_number'))
    )
    with op.batch_alter_table('agreement_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_versions_decided_at_meeting_id'), ['decided_at_meeting_id'], unique=False)

    op.create_table('aims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('set_on', sa.Date(), nullable=False),
    sa.Column('reviewed_on', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('current', 'achieved', 'retired', name='aimstatus', native_enum=False, length=40), nullable=False),
    sa.Column('status_changed_on', sa.Date(), nullable=True),
    sa.Column('outcome_note', sa.Text(), nullable=False),
    sa.Column('decided_at_meeting_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['decided_at_meeting_id'], ['meetings.id'], name=op.f('fk_aims_decided_at_meeting_id_meetings'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aims'))
    )
    with op.batch_alter_table('aims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aims_decided_at_meeting_id'), ['decided_at_meeting_id'], unique=False)

    op.create_table('attendance',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_attendance_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_attendance_member_id_members'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('meeting_id', 'member_id', name=op.f('pk_attendance'))
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_member_id'), ['member_id'], unique=False)

    op.create_table('decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('method', sa.Enum('consensus', 'show_of_hands', name='decisionmethod', native_enum=False, length=40), nullable=False),
    sa.Column('votes_for', sa.Integer(), nullable=True),
    sa.Column('votes_against', sa.Integer(), nullable=True),
    sa.Column('abstentions', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_decisions_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decisions'))
    )
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decisions_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('good_things',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('shared_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_good_things_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['shared_by_id'], ['members.id'], name=op.f('fk_good_things_shared_by_id_members'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_good_things'))
    )
    with op.batch_alter_table('good_things', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_good_things_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_good_things_shared_by_id'), ['shared_by_id'], unique=False)

    op.create_table('jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('frequency', sa.Enum('every_meeting', 'monthly', 'yearly', 'one_off', name='jobfrequency', native_enum=False, length=40), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('from_meeting_id', sa.Integer(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['from_meeting_id'], ['meetings.id'], name=op.f('fk_jobs_from_meeting_id_meetings'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_jobs'))
    )
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_jobs_from_meeting_id'), ['from_meeting_id'], unique=False)

    op.create_table('transactions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('amount_pence', sa.BigInteger(), nullable=False),
    sa.Column('kind', sa.Enum('receipt', 'payment', 'transfer', name='transactionkind', native_enum=False, length=40), nullable=False),
    sa.Column('payee', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('reference', sa.String(length=100), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('fund_id', sa.Integer(), nullable=False),
    sa.Column('budget_line_id', sa.Integer(), nullable=True),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('transfer_id', sa.String(length=36), nullable=True),
    sa.Column('cleared', sa.Boolean(), nullable=False),
    sa.Column('statement_id', sa.Integer(), nullable=True),
    sa.Column('import_key', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_transactions_account_id_accounts'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['budget_line_id'], ['grant_budget_lines.id'], name=op.f('fk_transactions_budget_line_id_grant_budget_lines'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['category_id'], ['categories.id'], name=op.f('fk_transactions_category_id_categories'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['fund_id'], ['funds.id'], name=op.f('fk_transactions_fund_id_funds'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_transactions_member_id_members'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['statement_id'], ['bank_statements.id'], name=op.f('fk_transactions_statement_id_bank_statements'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_transactions'))
    )
    with op.batch_alter_table('transactions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_transactions_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_transactions_budget_line_id'), ['budget_line_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_transactions_category_id'), ['category_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_transactions_fund_id'), ['fund_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_transactions_import_key'), ['import_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_transactions_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_transactions_on'), ['on'], unique=False)
        batch_op.create_index(batch_op.f('ix_transactions_statement_id'), ['statement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_transactions_transfer_id'), ['transfer_id'], unique=False)

    op.create_table('agreements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('agreed_on', sa.Date(), nullable=False),
    sa.Column('how', sa.Enum('signed_paper', 'at_meeting', 'by_email', name='agreementhow', native_enum=False, length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_agreements_member_id_members'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['version_id'], ['agreement_versions.id'], name=op.f('fk_agreements_version_id_agreement_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreements')),
    sa.UniqueConstraint('member_id', 'version_id', name=op.f('uq_agreements_member_id_version_id'))
    )
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreements_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreements_version_id'), ['version_id'], unique=False)

    op.create_table('approvals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('transaction_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('approver_name', sa.String(length=200), nullable=False),
    sa.Column('approved_on', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_approvals_member_id_members'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['transaction_id'], ['transactions.id'], name=op.f('fk_approvals_transaction_id_transactions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_approvals'))
    )
    with op.batch_alter_table('approvals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_approvals_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_approvals_transaction_id'), ['transaction_id'], unique=False)

    op.create_table('attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('transaction_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('mime', sa.String(length=100), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['transaction_id'], ['transactions.id'], name=op.f('fk_attachments_transaction_id_transactions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachments'))
    )
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachments_transaction_id'), ['transaction_id'], unique=False)

    op.create_table('job_assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('assigned', 'done', 'swapped', 'missed', name='assignmentstatus', native_enum=False, length=40), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('swapped_with_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_job_assignments_job_id_jobs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_job_assignments_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_job_assignments_member_id_members'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['swapped_with_id'], ['members.id'], name=op.f('fk_job_assignments_swapped_with_id_members'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_job_assignments'))
    )
    with op.batch_alter_table('job_assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_job_assignments_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_job_assignments_job_id'), ['job_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_job_assignments_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_job_assignments_member_id'), ['member_id'], unique=False)

    op.create_table('job_volunteers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_job_volunteers_job_id_jobs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_job_volunteers_member_id_members'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_job_volunteers')),
    sa.UniqueConstraint('job_id', 'member_id', name=op.f('uq_job_volunteers_job_id_member_id'))
    )
    with op.batch_alter_table('job_volunteers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_job_volunteers_job_id'), ['job_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_job_volunteers_member_id'), ['member_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('job_volunteers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_job_volunteers_member_id'))
        batch_op.drop_index(batch_op.f('ix_job_volunteers_job_id'))

    op.drop_table('job_volunteers')
    with op.batch_alter_table('job_assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_job_assignments_member_id'))
        batch_op.drop_index(batch_op.f('ix_job_assignments_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_job_assignments_job_id'))
        batch_op.drop_index(batch_op.f('ix_job_assignments_due_on'))

    op.drop_table('job_assignments')
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachments_transaction_id'))

    op.drop_table('attachments')
    with op.batch_alter_table('approvals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_approvals_transaction_id'))
        batch_op.drop_index(batch_op.f('ix_approvals_member_id'))

    op.drop_table('approvals')
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreements_version_id'))
        batch_op.drop_index(batch_op.f('ix_agreements_member_id'))

    op.drop_table('agreements')
    with op.batch_alter_table('transactions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_transactions_transfer_id'))
        batch_op.drop_index(batch_op.f('ix_transactions_statement_id'))
        batch_op.drop_index(batch_op.f('ix_transactions_on'))
        batch_op.drop_index(batch_op.f('ix_transactions_member_id'))
        batch_op.drop_index(batch_op.f('ix_transactions_import_key'))
        batch_op.drop_index(batch_op.f('ix_transactions_fund_id'))
        batch_op.drop_index(batch_op.f('ix_transactions_category_id'))
        batch_op.drop_index(batch_op.f('ix_transactions_budget_line_id'))
        batch_op.drop_index(batch_op.f('ix_transactions_account_id'))

    op.drop_table('transactions')
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_jobs_from_meeting_id'))

    op.drop_table('jobs')
    with op.batch_alter_table('good_things', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_good_things_shared_by_id'))
        batch_op.drop_index(batch_op.f('ix_good_things_meeting_id'))

    op.drop_table('good_things')
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decisions_meeting_id'))

    op.drop_table('decisions')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_member_id'))

    op.drop_table('attendance')
    with op.batch_alter_table('aims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aims_decided_at_meeting_id'))

    op.drop_table('aims')
    with op.batch_alter_table('agreement_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_versions_decided_at_meeting_id'))

    op.drop_table('agreement_versions')
    with op.batch_alter_table('achievements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_achievements_quote_by_id'))
        batch_op.drop_index(batch_op.f('ix_achievements_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_achievements_achieved_on'))

    op.drop_table('achievements')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meetings_venue_id'))
        batch_op.drop_index(batch_op.f('ix_meetings_schedule_id'))
        batch_op.drop_index(batch_op.f('ix_meetings_held_on'))

    op.drop_table('meetings')
    with op.batch_alter_table('grant_outcomes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grant_outcomes_grant_id'))

    op.drop_table('grant_outcomes')
    with op.batch_alter_table('grant_budget_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grant_budget_lines_grant_id'))

    op.drop_table('grant_budget_lines')
    with op.batch_alter_table('unavailability', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unavailability_member_id'))

    op.drop_table('unavailability')
    with op.batch_alter_table('support_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_support_log_contact_id'))

    op.drop_table('support_log')
    with op.batch_alter_table('payee_rules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payee_rules_fund_id'))
        batch_op.drop_index(batch_op.f('ix_payee_rules_category_id'))

    op.drop_table('payee_rules')
    with op.batch_alter_table('member_roles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_member_roles_member_id'))

    op.drop_table('member_roles')
    with op.batch_alter_table('meeting_schedules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_schedules_venue_id'))

    op.drop_table('meeting_schedules')
    with op.batch_alter_table('grants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grants_fund_id'))
        batch_op.drop_index(batch_op.f('ix_grants_contact_id'))

    op.drop_table('grants')
    with op.batch_alter_table('fund_transfers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fund_transfers_to_fund_id'))
        batch_op.drop_index(batch_op.f('ix_fund_transfers_on'))
        batch_op.drop_index(batch_op.f('ix_fund_transfers_from_fund_id'))

    op.drop_table('fund_transfers')
    with op.batch_alter_table('contact_roles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_roles_contact_id'))

    op.drop_table('contact_roles')
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consents_member_id'))

    op.drop_table('consents')
    with op.batch_alter_table('bank_statements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bank_statements_account_id'))

    op.drop_table('bank_statements')
    with op.batch_alter_table('balance_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_balance_items_fund_id'))

    op.drop_table('balance_items')
    op.drop_table('venues')
    op.drop_table('settings')
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_members_name'))

    op.drop_table('members')
    op.drop_table('group_profile')
    op.drop_table('funds')
    op.drop_table('contacts')
    op.drop_table('categories')
    op.drop_table('boundary_versions')
    op.drop_table('accounts')
