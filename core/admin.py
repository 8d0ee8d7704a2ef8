"""Admin plumbing every app shares: spreadsheet import and export with strict formats."""

from import_export.admin import ImportExportMixin

from .spreadsheets import FORMATS, TableError
from .uploads import SessionUploadsMixin, SizeLimitedImportForm


class SpreadsheetAdminMixin(SessionUploadsMixin, ImportExportMixin):
    """Import and export buttons, shown only to holders of import_<model> / export_<model>."""

    formats = FORMATS
    import_form_class = SizeLimitedImportForm

    def add_data_read_fail_error_to_form(self, form, e):
        if not isinstance(e, TableError):
            return super().add_data_read_fail_error_to_form(form, e)
        form.add_error("import_file", str(e))
